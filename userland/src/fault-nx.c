/* fault-nx: MUST FAIL: a jump into a buffer on the stack, which is
 * readable and writable but not executable (the loader maps the stack
 * read+write; only PF_X segments are executable).  The buffer holds a
 * valid `ret`, so a fetch that went through would come back and say so.
 * qemu: SIGSEGV; jmach: EXC_BAD_ACCESS (KERN_PROTECTION_FAILURE) at the
 * buffer. */
#include <stdio.h>
#include "bare.h"

#define RET 0x00008067u         /* jalr x0, 0(ra) */

typedef void (*fn)(void);

int main(void)
{
	volatile uint32_t code[4];
	uintptr_t addr;

	code[0] = RET;
	code[1] = RET;
	__asm__ volatile(".4byte 0x0000100f /* fence.i */" : : : "memory");
	addr = (uintptr_t)code;
	__asm__("" : "+r"(addr));       /* an address the compiler can't see */
	printf("jumping into a buffer on the stack\n");
	((fn)addr)();
	printf("FAIL: the code on the stack ran\n");
	return 1;
}
