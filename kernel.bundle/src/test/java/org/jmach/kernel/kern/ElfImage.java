package org.jmach.kernel.kern;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Static RISC-V ELF64 executables built in memory for tests, laid out as
 * a linker would: the header and program headers at offset 0, mapped with
 * the text (read, execute) a page below {@link #TEXT}, where the code starts
 * (file offset 0x1000); data (read, write)
 * at {@link #DATA} from file offset 0x2000 followed by {@code bss} zero bytes.
 */
final class ElfImage {

    static final long TEXT = 0x10000;
    static final long DATA = 0x20000;

    private ElfImage() {
    }

    static byte[] build(byte[] text, byte[] data, int bss) {
        return build(text, data, bss, 2, 243, 2, 1);
    }

    /** With the segments' flags given (PF_X 1, PF_W 2, PF_R 4): text R X and data R W are 5 and 6. */
    static byte[] withFlags(byte[] text, byte[] data, int bss, int textFlags, int dataFlags) {
        return build(text, data, bss, 2, 243, 2, 1, textFlags, dataFlags);
    }

    /** With the header's class, machine, type and data encoding given (for bad files). */
    static byte[] build(byte[] text, byte[] data, int bss, int type, int machine, int elfClass, int encoding) {
        return build(text, data, bss, type, machine, elfClass, encoding, 5, 6);
    }

    private static byte[] build(byte[] text, byte[] data, int bss, int type, int machine, int elfClass,
            int encoding, int textFlags, int dataFlags) {
        int size = 0x2000 + data.length;
        ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0, 0x464c457f);
        b.put(4, (byte) elfClass);
        b.put(5, (byte) encoding);
        b.put(6, (byte) 1);
        b.putShort(16, (short) type);
        b.putShort(18, (short) machine);
        b.putInt(20, 1);
        b.putLong(24, TEXT); // entry
        b.putLong(32, 64); // phoff
        b.putShort(52, (short) 64);
        b.putShort(54, (short) 56);
        b.putShort(56, (short) 2);
        // R X, from offset 0 as linkers lay it out: the headers are mapped too, a page below the code.
        phdr(b, 64, textFlags, 0, TEXT - 0x1000, 0x1000 + text.length, 0x1000 + text.length);
        phdr(b, 120, dataFlags, 0x2000, DATA, data.length, data.length + bss); // R W
        b.put(0x1000, text);
        b.put(0x2000, data);
        return b.array();
    }

    private static void phdr(ByteBuffer b, int at, int flags, long offset, long vaddr, long filesz, long memsz) {
        b.putInt(at, 1); // PT_LOAD
        b.putInt(at + 4, flags);
        b.putLong(at + 8, offset);
        b.putLong(at + 16, vaddr);
        b.putLong(at + 24, vaddr);
        b.putLong(at + 32, filesz);
        b.putLong(at + 40, memsz);
        b.putLong(at + 48, 0x1000);
    }
}
