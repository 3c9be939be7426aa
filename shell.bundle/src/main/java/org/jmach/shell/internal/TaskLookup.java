package org.jmach.shell.internal;

import java.util.ArrayList;
import java.util.List;

import org.jmach.mach.MachDebug.TaskSummary;

/**
 * How a command's TASK argument names a task: by id, or by name as
 * {@code mach:tasks} shows it. A number is taken as an id first, and as a
 * name only if no task has that id.
 */
final class TaskLookup {

    private TaskLookup() {
    }

    /**
     * The task {@code task} denotes among {@code tasks}.
     *
     * @param usage the command's usage line, the error for a missing argument
     * @throws IllegalArgumentException if {@code task} is blank (with {@code usage}),
     *         or if no task, or more than one, answers to it
     */
    static TaskSummary find(List<TaskSummary> tasks, String task, String usage) {
        if (task == null || task.isBlank()) {
            throw new IllegalArgumentException(usage);
        }
        String wanted = task.strip();
        Integer id = parseId(wanted);
        if (id != null) {
            for (TaskSummary summary : tasks) {
                if (summary.id() == id) {
                    return summary;
                }
            }
        }
        List<TaskSummary> named = new ArrayList<>();
        for (TaskSummary summary : tasks) {
            if (wanted.equals(summary.name())) {
                named.add(summary);
            }
        }
        if (named.size() == 1) {
            return named.get(0);
        }
        if (named.isEmpty()) {
            throw new IllegalArgumentException("no task " + wanted + " (mach:tasks lists the tasks)");
        }
        StringBuilder ids = new StringBuilder();
        for (TaskSummary summary : named) {
            ids.append(ids.length() == 0 ? "" : ", ").append(summary.id());
        }
        throw new IllegalArgumentException(named.size() + " tasks are named " + wanted + " (ids " + ids
                + "); give an id");
    }

    private static Integer parseId(String task) {
        try {
            return Integer.valueOf(task);
        } catch (NumberFormatException notAnId) {
            return null;
        }
    }
}
