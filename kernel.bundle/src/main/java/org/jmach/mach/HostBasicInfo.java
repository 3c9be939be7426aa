package org.jmach.mach;

/**
 * A decoded {@code host_basic_info} (flavor {@link HostInfo#HOST_BASIC_INFO}).
 *
 * @param maxCpus most processors the host can have
 * @param availCpus processors now available
 * @param memorySize physical memory in bytes
 * @param cpuType a {@link CpuType} CPU_TYPE_ value
 * @param cpuSubtype a {@link CpuType} CPU_SUBTYPE_ value
 */
public record HostBasicInfo(int maxCpus, int availCpus, long memorySize, int cpuType, int cpuSubtype) {

    /** Decodes the words {@code host_info} returned for HOST_BASIC_INFO. */
    public static HostBasicInfo decode(int[] words) {
        if (words.length < HostInfo.HOST_BASIC_INFO_COUNT) {
            throw new IllegalArgumentException("host_basic_info needs "
                    + HostInfo.HOST_BASIC_INFO_COUNT + " words, got " + words.length);
        }
        long memorySize = (words[2] & 0xFFFF_FFFFL) | ((long) words[3] << 32);
        return new HostBasicInfo(words[0], words[1], memorySize, words[4], words[5]);
    }

    /** Encodes into {@code words} as {@code host_info} lays it out. */
    public void encode(int[] words) {
        words[0] = maxCpus;
        words[1] = availCpus;
        words[2] = (int) memorySize;
        words[3] = (int) (memorySize >>> 32);
        words[4] = cpuType;
        words[5] = cpuSubtype;
    }
}
