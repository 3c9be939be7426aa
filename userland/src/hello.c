/* hello: argc, argv and the auxiliary vector as the loader laid them out. */
#include <stdio.h>
#include <string.h>
#include "bare.h"

extern long *bare_auxv;

int main(int argc, char **argv, char **envp)
{
	int i, pagesz_seen = 0;
	long *a;

	(void)envp;
	printf("hello from a bare RISC-V program\n");
	printf("argc=%d\n", argc);
	for (i = 0; i < argc; i++)
		printf("argv[%d]=%s\n", i, i == 0 ? "(program)" : argv[i]);
	check("argv[argc] is NULL", (uint64_t)(uintptr_t)argv[argc], 0);
	for (a = bare_auxv; a[0] != 0; a += 2)
		if (a[0] == 6) {        /* AT_PAGESZ */
			check("AT_PAGESZ", a[1], 4096);
			pagesz_seen = 1;
		}
	check("auxv has AT_PAGESZ", pagesz_seen, 1);
	check("sp-relative argv[0] non-empty", argv[0] != 0 && strlen(argv[0]) > 0, 1);
	return bare_done();
}
