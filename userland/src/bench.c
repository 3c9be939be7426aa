/* bench: a compute benchmark for `./mach bench cpu`: CRC-32 over a buffer,
 * an integer matrix product and a sieve, repeated REPS times (argument 1,
 * default 4).  stdout gets only checksums (deterministic); the elapsed time
 * goes to stderr. */
#include <stdio.h>
#include <stdlib.h>
#include "bare.h"

#define N 48
static uint32_t crc_table[256];
static uint8_t buf[16384];
static uint32_t ma[N][N], mb[N][N], mc[N][N];
static uint8_t composite[200000];

static void crc_init(void)
{
	uint32_t c;
	int i, k;
	for (i = 0; i < 256; i++) {
		c = i;
		for (k = 0; k < 8; k++)
			c = c & 1 ? 0xedb88320u ^ c >> 1 : c >> 1;
		crc_table[i] = c;
	}
}

static uint32_t crc32(const uint8_t *p, size_t n, uint32_t crc)
{
	crc = ~crc;
	while (n--)
		crc = crc_table[(crc ^ *p++) & 0xff] ^ crc >> 8;
	return ~crc;
}

static uint32_t matmul(uint32_t seed)
{
	uint32_t s = 0;
	int i, j, k;
	for (i = 0; i < N; i++)
		for (j = 0; j < N; j++) {
			ma[i][j] = seed = seed * 1664525u + 1013904223u;
			mb[i][j] = seed >> 7;
		}
	for (i = 0; i < N; i++)
		for (j = 0; j < N; j++) {
			uint32_t t = 0;
			for (k = 0; k < N; k++)
				t += ma[i][k] * mb[k][j];
			mc[i][j] = t;
		}
	for (i = 0; i < N; i++)
		s = s * 31 + mc[i][(i * 7) % N];
	return s;
}

static uint32_t sieve(void)
{
	uint32_t i, j, count = 0;
	for (i = 0; i < sizeof composite; i++)
		composite[i] = 0;
	for (i = 2; i < sizeof composite; i++) {
		if (composite[i])
			continue;
		count++;
		for (j = i * 2; j < sizeof composite; j += i)
			composite[j] = 1;
	}
	return count;
}

/* Instructions retired so far (the user CSR instret; exact on jmach). */
static unsigned long instret(void)
{
	unsigned long n;
	__asm__ volatile ("rdinstret %0" : "=r"(n));
	return n;
}

int main(int argc, char **argv)
{
	int reps = argc > 1 ? atoi(argv[1]) : 4;
	uint32_t crc = 0, mat = 0, primes = 0, seed = 12345;
	struct bare_timespec t0, t1;
	long ns;
	unsigned long i0, i1;
	int r, i;

	bare_clock_gettime(1, &t0);
	i0 = instret();
	crc_init();
	for (i = 0; i < (int)sizeof buf; i++) {
		seed = seed * 1103515245u + 12345u;
		buf[i] = (uint8_t)seed ^ (uint8_t)(seed >> 16);
	}
	for (r = 0; r < reps; r++) {
		for (i = 0; i < 8; i++)
			crc = crc32(buf, sizeof buf, crc);
		mat ^= matmul(r + 1);
		primes += sieve();
	}
	i1 = instret();
	bare_clock_gettime(1, &t1);
	ns = (t1.tv_sec - t0.tv_sec) * 1000000000L + (t1.tv_nsec - t0.tv_nsec);

	printf("reps %d\n", reps);
	printf("crc32 %08lx\n", (unsigned long)crc);
	printf("matrix %08lx\n", (unsigned long)mat);
	printf("primes %lu\n", (unsigned long)primes);
	printf("checksum %08lx\n", (unsigned long)(crc ^ mat ^ primes * 2654435761u));
	fprintf(stderr, "bench: %d reps in %ld ns, %lu instructions\n", reps, ns, i1 - i0);
	if (reps == 4 && primes != 4 * 17984)
		return 1;
	return 0;
}
