/* atomic: the A extension on one hart: lr/sc, and every AMO in both widths
 * (the old value comes back, sign-extended for .w; memory gets the result). */
#include <stdio.h>
#include "bare.h"

static volatile uint64_t dword __attribute__((aligned(8)));
static volatile uint32_t word[2] __attribute__((aligned(8)));

#define AMO(op, p, v) ({ uint64_t _old; __asm__ volatile(op " %0, %2, (%1)" \
	: "=r"(_old) : "r"(p), "r"((uint64_t)(v)) : "memory"); _old; })

static void amo_d(const char *name, uint64_t before, uint64_t old, uint64_t want_mem)
{
	char label[40];
	snprintf(label, sizeof label, "%s old", name);
	check(label, old, before);
	snprintf(label, sizeof label, "%s mem", name);
	check(label, dword, want_mem);
}

static void amo_w(const char *name, uint32_t before, uint64_t old, uint32_t want_mem)
{
	char label[40];
	snprintf(label, sizeof label, "%s old", name);
	check(label, old, (uint64_t)(int64_t)(int32_t)before);
	snprintf(label, sizeof label, "%s mem", name);
	check(label, word[0], want_mem);
	check("neighbour word untouched", word[1], 0x5a5a5a5a);
}

#define TD(op, init, v, want) do { dword = (init); \
	amo_d(op, (init), AMO(op, &dword, (v)), (want)); } while (0)
#define TW(op, init, v, want) do { word[0] = (init); word[1] = 0x5a5a5a5a; \
	amo_w(op, (init), AMO(op, &word[0], (v)), (want)); } while (0)

int main(void)
{
	uint64_t r, fail, v;
	int i;

	TD("amoswap.d", 0x1122334455667788ull, 0xffffffff00000000ull, 0xffffffff00000000ull);
	TD("amoadd.d", 0x7fffffffffffffffull, 1, 0x8000000000000000ull);
	TD("amoxor.d", 0xff00ff00ff00ff00ull, 0x0ff00ff00ff00ff0ull, 0xf0f0f0f0f0f0f0f0ull);
	TD("amoand.d", 0xff00ff00ff00ff00ull, 0x0ff00ff00ff00ff0ull, 0x0f000f000f000f00ull);
	TD("amoor.d", 0xff00ff00ff00ff00ull, 0x0ff00ff00ff00ff0ull, 0xfff0fff0fff0fff0ull);
	TD("amomin.d", 5, -3, -3);
	TD("amomax.d", 5, -3, 5);
	TD("amominu.d", 5, -3, 5);
	TD("amomaxu.d", 5, -3, -3);
	TD("amomin.d.aq", 0x8000000000000000ull, 0x7fffffffffffffffull, 0x8000000000000000ull);
	TD("amomaxu.d.rl", 0x8000000000000000ull, 0x7fffffffffffffffull, 0x8000000000000000ull);
	TD("amoadd.d.aqrl", -1, 1, 0);

	TW("amoswap.w", 0x11223344, 0x80000000, 0x80000000);
	TW("amoswap.w", 0x80000000, 0x1234567811223344ull, 0x11223344);
	TW("amoadd.w", 0x7fffffff, 1, 0x80000000);
	TW("amoadd.w", 0xffffffff, 0x100000001ull, 0);
	TW("amoxor.w", 0xff00ff00, 0x0ff00ff0, 0xf0f0f0f0);
	TW("amoand.w", 0xff00ff00, 0x0ff00ff0, 0x0f000f00);
	TW("amoor.w", 0xff00ff00, 0x0ff00ff0, 0xfff0fff0);
	TW("amomin.w", 5, 0xfffffffd, 0xfffffffd);
	TW("amomax.w", 5, 0xfffffffd, 5);
	TW("amominu.w", 5, 0xfffffffd, 5);
	TW("amomaxu.w", 5, 0xfffffffd, 0xfffffffd);
	/* .w compares only the low words, as signed or unsigned 32-bit numbers */
	TW("amomin.w", 0x80000000, 0x7fffffff, 0x80000000);
	TW("amomax.w", 0x80000000, 0xffffffff7fffffffull, 0x7fffffff);
	TW("amominu.w", 0x80000000, 0x17fffffffull, 0x7fffffff);
	TW("amomaxu.w", 0x80000000, 0xffffffff7fffffffull, 0x80000000);
	TW("amoadd.w.aqrl", 1, 2, 3);

	/* an lr/sc increment loop: sc writes 0 on success */
	dword = 0;
	for (i = 0; i < 1000; i++) {
		__asm__ volatile(
			"1: lr.d %0, (%2)\n addi %0, %0, 3\n sc.d %1, %0, (%2)\n bnez %1, 1b"
			: "=&r"(v), "=&r"(fail) : "r"(&dword) : "memory");
	}
	check("lr.d/sc.d loop", dword, 3000);
	word[0] = 0x7ffffffe;
	word[1] = 0x5a5a5a5a;
	for (i = 0; i < 3; i++)
		__asm__ volatile(
			"1: lr.w %0, (%2)\n addi %0, %0, 1\n sc.w %1, %0, (%2)\n bnez %1, 1b"
			: "=&r"(v), "=&r"(fail) : "r"(&word[0]) : "memory");
	check("lr.w/sc.w loop", word[0], 0x80000001);
	check("lr.w sign-extends", v, 0xffffffff80000001ull);
	check("neighbour word untouched", word[1], 0x5a5a5a5a);

	/* sc right after an lr succeeds; a second sc (the reservation is gone) fails */
	dword = 10;
	__asm__ volatile(
		"lr.d t0, (%2)\n li t1, 11\n sc.d %0, t1, (%2)\n li t1, 12\n sc.d %1, t1, (%2)"
		: "=&r"(r), "=&r"(fail) : "r"(&dword) : "t0", "t1", "memory");
	check("sc.d after lr.d succeeds", r, 0);
	check("second sc.d fails", fail != 0, 1);
	check("memory from the first sc", dword, 11);
	word[0] = 10;
	__asm__ volatile(
		"lr.w.aq t0, (%2)\n li t1, 11\n sc.w.rl %0, t1, (%2)\n li t1, 12\n sc.w %1, t1, (%2)"
		: "=&r"(r), "=&r"(fail) : "r"(&word[0]) : "t0", "t1", "memory");
	check("sc.w.rl after lr.w.aq", r, 0);
	check("second sc.w fails", fail != 0, 1);
	check("memory from the first sc.w", word[0], 11);
	return bare_done();
}
