package org.jmach.mach;

/**
 * A decoded {@code task_events_info} (flavor {@link TaskInfo#TASK_EVENTS_INFO}):
 * counts of the task's page faults and messages.
 */
public record TaskEventsInfo(int faults, int zeroFills, int reactivations, int pageins, int cowFaults,
        int messagesSent, int messagesReceived) {

    /** Decodes the words task_info returned. */
    public static TaskEventsInfo decode(int[] w) {
        Words.need(w, TaskInfo.TASK_EVENTS_INFO_COUNT, "task_events_info");
        return new TaskEventsInfo(w[0], w[1], w[2], w[3], w[4], w[5], w[6]);
    }

    /** Encodes as task_info lays it out. */
    public void encode(int[] w) {
        w[0] = faults;
        w[1] = zeroFills;
        w[2] = reactivations;
        w[3] = pageins;
        w[4] = cowFaults;
        w[5] = messagesSent;
        w[6] = messagesReceived;
    }
}
