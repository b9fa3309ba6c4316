package dev.frontdesk.call.model;

/** What a party does to a call, the status it leads to, and who may do it. */
public enum CallAction {

    ANSWER(CallStatus.ANSWERED, Party.CALLEE),
    DECLINE(CallStatus.DECLINED, Party.CALLEE),
    CANCEL(CallStatus.CANCELLED, Party.CALLER),
    END(CallStatus.ENDED, Party.EITHER);

    public enum Party {
        CALLER, CALLEE, EITHER
    }

    private final CallStatus target;
    private final Party party;

    CallAction(CallStatus target, Party party) {
        this.target = target;
        this.party = party;
    }

    public CallStatus target() {
        return target;
    }

    public boolean allowedFor(Call call, String userId) {
        return switch (party) {
            case CALLER -> call.callerId.equals(userId);
            case CALLEE -> call.calleeId.equals(userId);
            case EITHER -> call.hasParty(userId);
        };
    }

    public String whoMay() {
        return switch (party) {
            case CALLER -> "Only the caller can " + name().toLowerCase() + " a call.";
            case CALLEE -> "Only the callee can " + name().toLowerCase() + " a call.";
            case EITHER -> "Only a party of the call can " + name().toLowerCase() + " it.";
        };
    }

    /** The action a status of the seed's {@code PATCH .../status} body stands for. */
    public static CallAction reaching(CallStatus status) {
        for (CallAction action : values()) {
            if (action.target == status) {
                return action;
            }
        }
        return null;
    }
}
