package org.muraarena.competition.submission;

/**
 * A submission's hidden evaluation as one viewer may see it: in full for the organizer
 * ({@link SubmissionView.RunView}), reduced to {@link HiddenView} for its team and the public.
 */
public sealed interface HiddenRun permits SubmissionView.RunView, HiddenView {
    /** The status this viewer sees. */
    String status();
}
