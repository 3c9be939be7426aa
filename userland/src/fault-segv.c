/* fault-segv: MUST FAIL: a load from an unmapped address (0x10, in the
 * never-mapped page 0).  qemu: SIGSEGV; jmach: EXC_BAD_ACCESS at 0x10. */
#include <stdio.h>
#include "bare.h"

int main(void)
{
	uintptr_t addr = 0x10;
	volatile uint64_t *p;
	uint64_t v;

	__asm__("" : "+r"(addr));       /* an address the compiler can't see */
	p = (volatile uint64_t *)addr;
	printf("loading from 0x10\n");
	v = *p;
	printf("FAIL: the load returned %llx\n", (unsigned long long)v);
	return 1;
}
