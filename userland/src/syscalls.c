/* syscalls: the six system calls of the bare personality, by number:
 * write 64 (fd 1 and 2), read 63 (fd 0: expected/syscalls.in), brk 214,
 * clock_gettime 113, exit 93 (this program ends with it, status 0); the
 * other programs end with exit_group 94 (from exit()). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "bare.h"

extern char _end[];

int main(void)
{
	static char in[4096];
	long n, total = 0;
	uint32_t sum = 0;
	uintptr_t b0, b;
	struct bare_timespec t0, t1;
	char *p;
	int i;

	check("write fd 1", bare_write(1, "written by write(1)\n", 20), 20);
	check("write fd 2", bare_write(2, "written by write(2)\n", 20), 20);
	check("write 0 bytes", bare_write(1, "", 0), 0);

	while ((n = bare_read(0, in + total, sizeof in - total)) > 0)
		total += n;
	check("read returns 0 at the end", n, 0);
	for (i = 0; i < total; i++)
		sum = sum * 31 + (unsigned char)in[i];
	check("bytes read from stdin", total, 43);
	check("their checksum", sum, 0x9b2b9792);
	printf("first line read: ");
	fflush(stdout);
	bare_write(1, in, strchr(in, '\n') ? strchr(in, '\n') - in + 1 : 0);

	b0 = bare_brk(0);
	check("initial break >= _end", b0 >= (uintptr_t)_end, 1);
	check("brk grows by 100000", bare_brk((void *)(b0 + 100000)) - b0, 100000);
	memset((void *)b0, 0xa5, 100000);
	check("the new memory is writable", ((volatile uint8_t *)b0)[99999], 0xa5);
	check("brk shrinks to +50000", bare_brk((void *)(b0 + 50000)) - b0, 50000);
	check("brk(0) says where it is", bare_brk(0) - b0, 50000);
	check("brk regrows to +70000", bare_brk((void *)(b0 + 70000)) - b0, 70000);
	check("memory below +50000 kept", ((volatile uint8_t *)b0)[49999], 0xa5);
	check("brk(2^62) fails: current", bare_brk((void *)(1ull << 62)) - b0, 70000);
	bare_brk((void *)b0);

	p = malloc(1 << 20);
	check("malloc 1 MiB", p != NULL, 1);
	memset(p, 0x5a, 1 << 20);
	check("malloc'd memory holds", (uint8_t)p[(1 << 20) - 1], 0x5a);
	free(p);
	b = 0;
	for (i = 0; i < 1000; i++) {
		char *q = malloc(24 + i % 100);
		if (q == NULL)
			break;
		memset(q, i, 24 + i % 100);
		b += q[i % 24] == (char)i;
	}
	check("1000 small mallocs", b, 1000);

	check("clock_gettime REALTIME", bare_clock_gettime(0, &t0), 0);
	check("  tv_nsec < 1e9", t0.tv_nsec >= 0 && t0.tv_nsec < 1000000000, 1);
	check("  after 2020", t0.tv_sec > 1577836800, 1);
	check("clock_gettime MONOTONIC", bare_clock_gettime(1, &t0), 0);
	for (i = 0; i < 100000; i++)
		__asm__ volatile("");
	bare_clock_gettime(1, &t1);
	check("  monotonic", t1.tv_sec > t0.tv_sec || (t1.tv_sec == t0.tv_sec && t1.tv_nsec >= t0.tv_nsec), 1);

	n = bare_done();
	bare_flush();
	bare_exit((int)n);
}
