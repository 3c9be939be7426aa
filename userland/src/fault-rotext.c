/* fault-rotext: MUST FAIL: a store into the program's own text, which is
 * in the R+X segment.  qemu: SIGSEGV; jmach: EXC_BAD_ACCESS at main. */
#include <stdio.h>
#include "bare.h"

int main(void)
{
	volatile uint32_t *text = (volatile uint32_t *)(uintptr_t)main;

	printf("storing into main's first instruction\n");
	*text = 0x00000013;     /* nop */
	printf("FAIL: the store went through\n");
	return 1;
}
