package org.jmach.kernel.kern;

import static org.jmach.mach.KernReturn.KERN_SUCCESS;
import static org.jmach.vm.VmProt.VM_PROT_EXECUTE;
import static org.jmach.vm.VmProt.VM_PROT_READ;
import static org.jmach.vm.VmProt.VM_PROT_WRITE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jmach.exec.ElfLoader;
import org.jmach.vm.spi.VmRegion;
import org.junit.jupiter.api.Test;

/**
 * The ELF64 loader on executables built in memory: segments at their
 * addresses with their protections and a zeroed bss, the initial stack as
 * Linux lays it out, and a clear error for each kind of bad file.
 */
class ElfLoaderTest extends MigTestBase {

    private Task child;
    private int childPort;

    private ElfLoader.Result load(byte[] file, List<String> argv, List<String> envp) {
        int[] port = new int[1];
        assertEquals(KERN_SUCCESS, self.mach().taskCreate(task, 0, port));
        childPort = port[0];
        assertEquals(KERN_SUCCESS, self.gnumach().taskSetName(childPort, "elf child"));
        child = kernel.taskLookup("elf child");
        return ElfLoader.load(self.mach(), childPort, file, argv, envp);
    }

    private byte[] read(long address, int length) {
        byte[] b = new byte[length];
        assertTrue(child.memory().read(address, b, 0, length), "readable at 0x" + Long.toHexString(address));
        return b;
    }

    private long word(long address) {
        return ByteBuffer.wrap(read(address, 8)).order(ByteOrder.LITTLE_ENDIAN).getLong();
    }

    private String string(long address) {
        StringBuilder s = new StringBuilder();
        for (long a = address;; a++) {
            byte c = read(a, 1)[0];
            if (c == 0) {
                return s.toString();
            }
            s.append((char) c);
        }
    }

    @Test
    void segmentsGoToTheirAddressesWithTheirProtectionsAndAZeroedBss() {
        byte[] text = new RvAsm().addi(RvAsm.A0, 0, 42).ecall().bytes();
        byte[] data = "initialised".getBytes(StandardCharsets.US_ASCII);
        ElfLoader.Result r = load(ElfImage.build(text, data, 5000), List.of("prog", "one"), List.of("HOME=/"));
        assertNull(r.error());
        assertEquals(ElfImage.TEXT, r.entry());
        assertArrayEquals(text, read(ElfImage.TEXT, text.length));
        assertArrayEquals(data, read(ElfImage.DATA, data.length));
        assertArrayEquals(new byte[5000], read(ElfImage.DATA + data.length, 5000), "the bss is zero");
        assertEquals((ElfImage.DATA + data.length + 5000 + 4095) & -4096L, r.brk());
        assertFalse(child.memory().write(ElfImage.TEXT, new byte[1], 0, 1), "text is read-only");
        assertTrue(child.memory().write(ElfImage.DATA + 6000, new byte[1], 0, 1), "bss is writable");
        assertEquals(VM_PROT_READ | VM_PROT_EXECUTE, protection(ElfImage.TEXT), "text: R X");
        assertEquals(VM_PROT_READ | VM_PROT_WRITE, protection(ElfImage.DATA), "data: R W, not executable");
        assertEquals(VM_PROT_READ | VM_PROT_WRITE, protection(r.sp()), "the stack: R W, not executable");
    }

    private int protection(long address) {
        VmRegion region = child.map().region(address);
        assertTrue(region.start() <= address && address < region.end(), "mapped at 0x" + Long.toHexString(address));
        return region.protection();
    }

    @Test
    void eachSegmentFlagGivesItsOwnProtection() {
        byte[] text = new RvAsm().ecall().bytes();
        // PF_X alone: execute only; PF_R | PF_W | PF_X: all three.
        ElfLoader.Result r = load(ElfImage.withFlags(text, new byte[8], 0, 1, 7), List.of("prog"), List.of());
        assertNull(r.error());
        assertEquals(VM_PROT_EXECUTE, protection(ElfImage.TEXT));
        assertEquals(VM_PROT_READ | VM_PROT_WRITE | VM_PROT_EXECUTE, protection(ElfImage.DATA));
    }

    @Test
    void aSegmentWithOnlyPfRIsReadOnly() {
        byte[] text = new RvAsm().ecall().bytes();
        ElfLoader.Result r = load(ElfImage.withFlags(text, new byte[8], 0, 5, 4), List.of("prog"), List.of());
        assertNull(r.error());
        assertEquals(VM_PROT_READ, protection(ElfImage.DATA));
    }

    @Test
    void theStackCarriesArgcArgvEnvpAndTheAuxiliaryVector() {
        byte[] text = new RvAsm().ecall().bytes();
        ElfLoader.Result r = load(ElfImage.build(text, new byte[8], 0), List.of("prog", "a b", "c"),
                List.of("X=1"));
        assertNull(r.error());
        long sp = r.sp();
        assertEquals(0, sp % 16, "sp is 16-byte aligned");
        assertTrue(sp < ElfLoader.STACK_TOP);
        assertEquals(3, word(sp));
        assertEquals("prog", string(word(sp + 8)));
        assertEquals("a b", string(word(sp + 16)));
        assertEquals("c", string(word(sp + 24)));
        assertEquals(0, word(sp + 32));
        assertEquals("X=1", string(word(sp + 40)));
        assertEquals(0, word(sp + 48));
        Map<Long, Long> aux = new HashMap<>();
        for (long a = sp + 56;; a += 16) {
            long type = word(a);
            aux.put(type, word(a + 8));
            if (type == 0) {
                break;
            }
        }
        assertEquals(4096L, aux.get(6L), "AT_PAGESZ");
        assertEquals(ElfImage.TEXT, aux.get(9L), "AT_ENTRY");
        assertEquals(2L, aux.get(5L), "AT_PHNUM");
        assertEquals(ElfImage.TEXT - 0x1000 + 64, aux.get(3L), "AT_PHDR: where the program headers are mapped");
        assertTrue(aux.containsKey(25L), "AT_RANDOM");
        long random = aux.get(25L);
        assertTrue(random > sp && random < ElfLoader.STACK_TOP);
        read(random, 16);
    }

    @Test
    void badFilesGetAClearErrorAndNoException() {
        byte[] text = new RvAsm().ecall().bytes();
        byte[] data = new byte[8];
        Map<String, byte[]> bad = new HashMap<>();
        bad.put("not an ELF file", new byte[100]);
        bad.put("not an ELF file ", new byte[3]);
        bad.put("not a 64-bit ELF file", ElfImage.build(text, data, 0, 2, 243, 1, 1));
        bad.put("not a little-endian ELF file", ElfImage.build(text, data, 0, 2, 243, 2, 2));
        bad.put("not a RISC-V executable", ElfImage.build(text, data, 0, 2, 62, 2, 1));
        bad.put("not a static executable", ElfImage.build(text, data, 0, 3, 243, 2, 1));
        byte[] truncated = ElfImage.build(text, data, 0);
        bad.put("outside the file", java.util.Arrays.copyOf(truncated, 0x1800));
        for (Map.Entry<String, byte[]> e : bad.entrySet()) {
            ElfLoader.Result r = load(e.getValue(), List.of("bad"), List.of());
            assertFalse(r.ok(), e.getKey());
            assertTrue(r.error().contains(e.getKey().trim()), e.getKey() + ": " + r.error());
            assertEquals(KERN_SUCCESS, self.mach().taskTerminate(childPort));
        }
    }
}
