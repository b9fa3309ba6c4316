package dev.frontdesk.notification.sms;

import java.time.Instant;

import org.hibernate.reactive.mutiny.Mutiny;

import io.smallrye.mutiny.Uni;

/** Numbers that replied STOP (Twilio error 21610): no SMS goes to them any more. */
public final class OptOuts {

    /** Twilio's "recipient has opted out" error. */
    public static final int TWILIO_OPTED_OUT = 21610;

    private OptOuts() {
    }

    /** Records the opt-out in the caller's transaction; a number already opted out stays as it was. */
    public static Uni<Void> record(Mutiny.Session session, String phone, Instant now) {
        return session.createNativeQuery("""
                INSERT INTO sms_opt_out (phone, reason, opted_out_at) VALUES (:phone, :reason, :now)
                ON CONFLICT (phone) DO NOTHING""")
                .setParameter("phone", phone)
                .setParameter("reason", "twilio " + TWILIO_OPTED_OUT)
                .setParameter("now", now)
                .executeUpdate().replaceWithVoid();
    }
}
