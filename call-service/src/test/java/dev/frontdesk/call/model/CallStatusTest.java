package dev.frontdesk.call.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The whole transition table, written out: a change to it has to change this picture too. */
class CallStatusTest {

    // Rows: from; columns: to, in declaration order INITIATED RINGING ANSWERED DECLINED MISSED CANCELLED ENDED.
    private static final String TABLE = """
            INITIATED  . x x x x x .
            RINGING    . . x x x x .
            ANSWERED   . . . . . . x
            DECLINED   . . . . . . .
            MISSED     . . . . . . .
            CANCELLED  . . . . . . .
            ENDED      . . . . . . .""";

    @Test
    void everyLegalAndIllegalTransition() {
        List<String> expected = new ArrayList<>();
        List<String> actual = new ArrayList<>();
        for (String row : TABLE.lines().toList()) {
            String[] cells = row.trim().split("\\s+");
            CallStatus from = CallStatus.valueOf(cells[0]);
            for (CallStatus to : CallStatus.values()) {
                expected.add(from + "->" + to + "=" + cells[to.ordinal() + 1].equals("x"));
                actual.add(from + "->" + to + "=" + from.canBecome(to));
            }
        }
        assertEquals(expected, actual);
        assertEquals(CallStatus.values().length, TABLE.lines().count());
    }

    @Test
    void finalStatusesAreTheOnesWithNoWayOut() {
        for (CallStatus status : CallStatus.values()) {
            boolean noWayOut = true;
            for (CallStatus to : CallStatus.values()) {
                noWayOut &= !status.canBecome(to);
            }
            assertEquals(noWayOut, status.isFinal(), status.name());
        }
    }
}
