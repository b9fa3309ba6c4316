package dev.frontdesk.visitor.visitors;

/** A visitor's presence: {@code live} in a filter means active or idle. */
public enum LiveState {
    ACTIVE, IDLE, LEFT, LIVE
}
