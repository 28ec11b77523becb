package org.muraarena.competition.submission;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** What of a failure's reason a team sees: everything for its dry run, only public reasons for a hidden run. */
class SubmissionViewTest {

    @Test
    void aTeamSeesTheExitCodeOfItsHiddenRunButNoOtherReason() {
        assertEquals("exit code 7", SubmissionView.visibleReason("EXIT_CODE", "exit code 7", false));
        assertNull(SubmissionView.visibleReason("INVALID_OUTPUT", "no prediction for study MURA-v1.1/test/XR_HAND/patient1/study1/", false));
        assertNull(SubmissionView.visibleReason("TIME_LIMIT", "ran past the time limit of 30 min", false));
        assertNull(SubmissionView.visibleReason(null, "anything", false));
        assertNull(SubmissionView.visibleReason("SOMETHING_OLD", "anything", false));
        assertEquals("no prediction for study X", SubmissionView.visibleReason("INVALID_OUTPUT", "no prediction for study X", true));
    }
}
