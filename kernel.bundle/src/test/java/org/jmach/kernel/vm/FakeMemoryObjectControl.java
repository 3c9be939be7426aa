package org.jmach.kernel.vm;

import static org.jmach.mach.KernReturn.KERN_SUCCESS;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.jmach.vm.spi.MemoryObjectControl;

/**
 * A VM object as the kernel's MIG side sees it, for tests that need no VM:
 * it records each call of its manager (name and arguments) and answers
 * {@link #answer}; a reply handle it is given is kept in {@link #replies}
 * (or handed to {@link #onReply}, which may complete it).
 */
public final class FakeMemoryObjectControl implements MemoryObjectControl {

    /** One call: the routine's name and its arguments. */
    public record Call(String routine, List<Object> args) {
    }

    public final List<Call> calls = new ArrayList<>();
    public final List<Object> replies = new ArrayList<>();
    public int answer = KERN_SUCCESS;
    public int[] attributes = {1, 0, 2};
    public Consumer<Object> onReply = replies::add;
    private final int id;
    private Object ports;

    public FakeMemoryObjectControl(int id) {
        this.id = id;
    }

    /** The only call made; fails if there were others. */
    public Call onlyCall() {
        if (calls.size() != 1) {
            throw new AssertionError("calls: " + calls);
        }
        return calls.get(0);
    }

    private int record(String routine, Object... args) {
        calls.add(new Call(routine, java.util.Arrays.asList(args)));
        return answer;
    }

    private void reply(Object reply) {
        if (reply != null) {
            onReply.accept(reply);
        }
    }

    @Override
    public int objectId() {
        return id;
    }

    @Override
    public Object ports() {
        return ports;
    }

    @Override
    public void setPorts(Object ports) {
        this.ports = ports;
    }

    @Override
    public int ready(boolean mayCache, int copyStrategy) {
        return record("ready", mayCache, copyStrategy);
    }

    @Override
    public int dataSupply(long offset, byte[] data, int lockValue, boolean precious, Object reply) {
        int kr = record("dataSupply", offset, data, lockValue, precious, reply != null);
        reply(reply);
        return kr;
    }

    @Override
    public int dataUnavailable(long offset, long size) {
        return record("dataUnavailable", offset, size);
    }

    @Override
    public int dataError(long offset, long size, int reason) {
        return record("dataError", offset, size, reason);
    }

    @Override
    public int lockRequest(long offset, long size, int shouldReturn, boolean shouldFlush, int lockValue,
            Object reply) {
        int kr = record("lockRequest", offset, size, shouldReturn, shouldFlush, lockValue, reply != null);
        reply(reply);
        return kr;
    }

    @Override
    public int changeAttributes(boolean mayCache, int copyStrategy, Object reply) {
        int kr = record("changeAttributes", mayCache, copyStrategy, reply != null);
        reply(reply);
        return kr;
    }

    @Override
    public int getAttributes(int[] out) {
        System.arraycopy(attributes, 0, out, 0, 3);
        return record("getAttributes");
    }

    @Override
    public int destroy(int reason) {
        return record("destroy", reason);
    }
}
