package org.jmach.exec;

import static org.jmach.mach.KernReturn.KERN_SUCCESS;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

import org.jmach.mach.KernReturn;
import org.jmach.mach.MachUser;

/**
 * Loads a static RISC-V ELF64 executable into a task, through the task's
 * port as any user-level loader would (Mach's exec lives in the
 * operating-system server, not the kernel): each PT_LOAD segment is placed
 * at its virtual address by vm_allocate and vm_write, the bss is left
 * zero-filled, every page gets its segment's protection by vm_protect
 * (PF_R read, PF_W write, PF_X execute, each on its own: a text segment is
 * read and execute, data read and write; a page two segments share gets
 * both), and a stack is built below {@link #STACK_TOP} (vm_allocate's
 * VM_PROT_DEFAULT, read and write: not executable) as
 * Linux builds it for a new program: argc, argv, NULL, envp, NULL, the
 * auxiliary vector (AT_PHDR, AT_PHENT, AT_PHNUM, AT_PAGESZ, AT_ENTRY,
 * AT_RANDOM, AT_NULL), the strings and 16 random bytes above.
 *
 * <p>Routine: {@link #load}. Conditions: the caller holds a send right to
 * the task; the task's memory where the program goes is unmapped.
 * Returns: a {@link Result} with the entry point, the initial stack pointer
 * and the initial program break, or with a message saying what is wrong
 * with the file or which call failed. No exception escapes.
 */
public final class ElfLoader {

    /** One past the highest stack address: the top of the lower half of the 47-bit user space. */
    public static final long STACK_TOP = 0x3fff_ffff_f000L;
    /** Stack reserved below {@link #STACK_TOP} (zero-filled on demand). */
    public static final long STACK_SIZE = 8L << 20;
    /** The largest total of segment memory accepted. */
    public static final long MAX_IMAGE = 1L << 30;

    static final int PAGE = 4096;
    static final int EM_RISCV = 243;
    static final int ET_EXEC = 2;
    static final int PT_LOAD = 1;
    static final int PT_PHDR = 6;
    static final int PF_X = 1;
    static final int PF_W = 2;
    static final int PF_R = 4;
    static final int AT_NULL = 0;
    static final int AT_PHDR = 3;
    static final int AT_PHENT = 4;
    static final int AT_PHNUM = 5;
    static final int AT_PAGESZ = 6;
    static final int AT_ENTRY = 9;
    static final int AT_RANDOM = 25;

    private static final int VM_PROT_READ = 1;
    private static final int VM_PROT_WRITE = 2;
    private static final int VM_PROT_EXECUTE = 4;
    private static final long MIN_ADDRESS = 0x1000;

    private ElfLoader() {
    }

    /**
     * What {@link #load} made: the entry point, the stack pointer, the
     * initial program break (the page after the highest segment); or an
     * error ({@code error} non-null, the others 0).
     */
    public record Result(long entry, long sp, long brk, String error) {

        static Result failed(String error) {
            return new Result(0, 0, 0, error);
        }

        public boolean ok() {
            return error == null;
        }
    }

    /** A PT_LOAD segment, checked. */
    private record Segment(long vaddr, long offset, long filesz, long memsz, int flags) {
    }

    /** Loads {@code file} into {@code task} (a task port in the caller's space, reached by {@code mach}). */
    public static Result load(MachUser mach, int task, byte[] file, List<String> argv, List<String> envp) {
        try {
            return loadChecked(mach, task, file, argv, envp);
        } catch (RuntimeException e) {
            return Result.failed("not a loadable executable: " + e);
        }
    }

    private static Result loadChecked(MachUser mach, int task, byte[] file, List<String> argv, List<String> envp) {
        ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        if (file.length < 64 || b.getInt(0) != 0x464c457f) {
            return Result.failed("not an ELF file");
        }
        if (file[4] != 2) {
            return Result.failed("not a 64-bit ELF file (class " + file[4] + ")");
        }
        if (file[5] != 1) {
            return Result.failed("not a little-endian ELF file");
        }
        int type = Short.toUnsignedInt(b.getShort(16));
        int machine = Short.toUnsignedInt(b.getShort(18));
        if (machine != EM_RISCV) {
            return Result.failed("not a RISC-V executable (e_machine " + machine + ")");
        }
        if (type != ET_EXEC) {
            return Result.failed("not a static executable (e_type " + type + "; only ET_EXEC is loaded)");
        }
        long entry = b.getLong(24);
        long phoff = b.getLong(32);
        int phentsize = Short.toUnsignedInt(b.getShort(54));
        int phnum = Short.toUnsignedInt(b.getShort(56));
        if (phentsize < 56 || phnum == 0 || phoff < 0 || phoff > file.length
                || (long) phnum * phentsize > file.length - phoff) {
            return Result.failed("bad program headers");
        }
        List<Segment> loads = new ArrayList<>();
        long phdrAddress = 0;
        long total = 0;
        for (int i = 0; i < phnum; i++) {
            int at = (int) (phoff + (long) i * phentsize);
            int ptype = b.getInt(at);
            int flags = b.getInt(at + 4);
            long offset = b.getLong(at + 8);
            long vaddr = b.getLong(at + 16);
            long filesz = b.getLong(at + 32);
            long memsz = b.getLong(at + 40);
            if (ptype == PT_PHDR) {
                phdrAddress = vaddr;
            }
            if (ptype != PT_LOAD || memsz == 0) {
                continue;
            }
            if (filesz < 0 || memsz < filesz || offset < 0 || offset > file.length || filesz > file.length - offset) {
                return Result.failed("segment " + i + " lies outside the file or is larger in the file than in memory");
            }
            if (vaddr < MIN_ADDRESS || memsz > MAX_IMAGE || vaddr > STACK_TOP - STACK_SIZE - memsz) {
                return Result.failed(String.format("segment %d at 0x%x+0x%x is outside the user space below the stack",
                        i, vaddr, memsz));
            }
            total += memsz;
            if (total > MAX_IMAGE) {
                return Result.failed("segments larger than " + (MAX_IMAGE >> 20) + " MiB in all");
            }
            loads.add(new Segment(vaddr, offset, filesz, memsz, flags));
            if (phdrAddress == 0 && phoff >= offset && phoff + (long) phnum * phentsize <= offset + filesz) {
                phdrAddress = vaddr + (phoff - offset);
            }
        }
        if (loads.isEmpty()) {
            return Result.failed("no PT_LOAD segment");
        }
        boolean entryMapped = loads.stream().anyMatch(s -> entry >= s.vaddr && entry < s.vaddr + s.memsz);
        if (!entryMapped) {
            return Result.failed(String.format("entry point 0x%x is in no segment", entry));
        }

        // Pages: their protection (the union of the segments on them) and, where the file gives bytes, their data.
        TreeMap<Long, Integer> protection = new TreeMap<>();
        TreeMap<Long, byte[]> data = new TreeMap<>();
        long brk = 0;
        for (Segment s : loads) {
            int prot = ((s.flags & PF_R) != 0 ? VM_PROT_READ : 0) | ((s.flags & PF_W) != 0 ? VM_PROT_WRITE : 0)
                    | ((s.flags & PF_X) != 0 ? VM_PROT_EXECUTE : 0);
            long end = s.vaddr + s.memsz;
            for (long p = s.vaddr & -PAGE; p < end; p += PAGE) {
                protection.merge(p, prot, (x, y) -> x | y);
            }
            for (long done = 0; done < s.filesz;) {
                long a = s.vaddr + done;
                long page = a & -PAGE;
                int in = (int) (a - page);
                int n = (int) Math.min(PAGE - in, s.filesz - done);
                System.arraycopy(file, (int) (s.offset + done), data.computeIfAbsent(page, k -> new byte[PAGE]), in, n);
                done += n;
            }
            brk = Math.max(brk, (end + PAGE - 1) & -PAGE);
        }
        // Allocate runs of consecutive pages, write the pages with data, then protect.
        String failure = forRuns(protection, true, (start, size, prot) -> call("vm_allocate",
                mach.vmAllocate(task, new long[] {start}, size, 0), start));
        if (failure != null) {
            return Result.failed(failure);
        }
        for (var e : data.entrySet()) {
            String f = call("vm_write", mach.vmWrite(task, e.getKey(), e.getValue()), e.getKey());
            if (f != null) {
                return Result.failed(f);
            }
        }
        failure = forRuns(protection, false, (start, size, prot) -> call("vm_protect",
                mach.vmProtect(task, start, size, 0, prot), start));
        if (failure != null) {
            return Result.failed(failure);
        }
        return stack(mach, task, entry, phdrAddress, phentsize, phnum, brk, argv, envp);
    }

    private interface Run {
        String apply(long start, long size, int prot);
    }

    /** Calls {@code run} for each run of consecutive pages (of one protection unless {@code anyProtection}). */
    private static String forRuns(TreeMap<Long, Integer> pages, boolean anyProtection, Run run) {
        long start = -1;
        long next = -1;
        int prot = 0;
        for (var e : pages.entrySet()) {
            if (e.getKey() != next || (!anyProtection && e.getValue() != prot)) {
                if (start >= 0) {
                    String f = run.apply(start, next - start, prot);
                    if (f != null) {
                        return f;
                    }
                }
                start = e.getKey();
                prot = e.getValue();
            }
            next = e.getKey() + PAGE;
        }
        return start >= 0 ? run.apply(start, next - start, prot) : null;
    }

    private static String call(String routine, int kr, long address) {
        return kr == KERN_SUCCESS ? null
                : String.format("%s at 0x%x failed: %s", routine, address, KernReturn.name(kr));
    }

    /** The initial stack: returns the result with sp, or the failure. */
    private static Result stack(MachUser mach, int task, long entry, long phdr, int phent, int phnum, long brk,
            List<String> argv, List<String> envp) {
        List<byte[]> strings = new ArrayList<>();
        for (String s : argv) {
            strings.add((s + "\0").getBytes(StandardCharsets.UTF_8));
        }
        for (String s : envp) {
            strings.add((s + "\0").getBytes(StandardCharsets.UTF_8));
        }
        int stringBytes = strings.stream().mapToInt(s -> s.length).sum();
        long stringsAt = STACK_TOP - stringBytes;
        long randomAt = (stringsAt - 16) & -16L;
        long[][] aux = {{AT_PHDR, phdr}, {AT_PHENT, phent}, {AT_PHNUM, phnum}, {AT_PAGESZ, PAGE},
            {AT_ENTRY, entry}, {AT_RANDOM, randomAt}, {AT_NULL, 0}};
        int words = 1 + argv.size() + 1 + envp.size() + 1 + 2 * aux.length;
        long sp = (randomAt - 8L * words) & -16L;
        if (STACK_TOP - sp > STACK_SIZE / 2) {
            return Result.failed("arguments and environment too large");
        }
        long base = sp & -PAGE;
        ByteBuffer st = ByteBuffer.allocate((int) (STACK_TOP - base)).order(ByteOrder.LITTLE_ENDIAN);
        int at = (int) (sp - base);
        st.putLong(at, argv.size());
        at += 8;
        long s = stringsAt;
        int k = 0;
        for (int i = 0; i < argv.size(); i++, k++) {
            st.putLong(at, s);
            at += 8;
            s += strings.get(k).length;
        }
        at += 8; // NULL
        for (int i = 0; i < envp.size(); i++, k++) {
            st.putLong(at, s);
            at += 8;
            s += strings.get(k).length;
        }
        at += 8; // NULL
        for (long[] pair : aux) {
            st.putLong(at, pair[0]);
            st.putLong(at + 8, pair[1]);
            at += 16;
        }
        byte[] random = new byte[16];
        new SecureRandom().nextBytes(random);
        st.put((int) (randomAt - base), random);
        int p = (int) (stringsAt - base);
        for (byte[] str : strings) {
            st.put(p, str);
            p += str.length;
        }
        long bottom = STACK_TOP - STACK_SIZE;
        String f = call("vm_allocate", mach.vmAllocate(task, new long[] {bottom}, STACK_SIZE, 0), bottom);
        if (f == null) {
            f = call("vm_write", mach.vmWrite(task, base, st.array()), base);
        }
        return f != null ? Result.failed(f) : new Result(entry, sp, brk, null);
    }
}
