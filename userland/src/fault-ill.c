/* fault-ill: MUST FAIL: an illegal instruction (the all-zero parcel, which
 * RISC-V defines as illegal).  qemu: SIGILL; jmach: EXC_BAD_INSTRUCTION. */
#include <stdio.h>
#include "bare.h"

int main(void)
{
	printf("executing an illegal instruction\n");
	__asm__ volatile(".4byte 0x00000000");
	printf("FAIL: it ran\n");
	return 1;
}
