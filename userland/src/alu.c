/* alu: RV64I integer instructions and their corner cases. */
#include <stdio.h>
#include "bare.h"
#include "ops.h"

static uint64_t branch(int which, uint64_t a, uint64_t b)
{
	uint64_t taken = 0;
	switch (which) {
	case 0: __asm__ volatile("li %0, 0\n blt %1, %2, 1f\n j 2f\n1: li %0, 1\n2:" : "+r"(taken) : "r"(a), "r"(b)); break;
	case 1: __asm__ volatile("li %0, 0\n bltu %1, %2, 1f\n j 2f\n1: li %0, 1\n2:" : "+r"(taken) : "r"(a), "r"(b)); break;
	case 2: __asm__ volatile("li %0, 0\n bge %1, %2, 1f\n j 2f\n1: li %0, 1\n2:" : "+r"(taken) : "r"(a), "r"(b)); break;
	case 3: __asm__ volatile("li %0, 0\n bgeu %1, %2, 1f\n j 2f\n1: li %0, 1\n2:" : "+r"(taken) : "r"(a), "r"(b)); break;
	case 4: __asm__ volatile("li %0, 0\n beq %1, %2, 1f\n j 2f\n1: li %0, 1\n2:" : "+r"(taken) : "r"(a), "r"(b)); break;
	case 5: __asm__ volatile("li %0, 0\n bne %1, %2, 1f\n j 2f\n1: li %0, 1\n2:" : "+r"(taken) : "r"(a), "r"(b)); break;
	}
	return taken;
}

static volatile uint8_t bytes[16] = {
	0x80, 0x7f, 0x00, 0x80, 0x00, 0x00, 0x00, 0x80,
	0xff, 0xfe, 0xfd, 0xfc, 0xfb, 0xfa, 0xf9, 0xf8,
};

int main(void)
{
	const uint64_t MIN = 0x8000000000000000ull, MAX = 0x7fffffffffffffffull;
	uint64_t a, b, h;
	int i;

	check("add MAX+1", RR("add", MAX, 1), MIN);
	check("add -1+-1", RR("add", -1, -1), -2);
	check("addw 0x7fffffff+1", RR("addw", 0x7fffffff, 1), 0xffffffff80000000ull);
	check("addw ignores upper bits", RR("addw", 0x123456789abcdef0ull, 0x10), 0xffffffff9abcdf00ull);
	check("sub 0-1", RR("sub", 0, 1), -1);
	check("sub MIN-1", RR("sub", MIN, 1), MAX);
	check("subw 0x80000000-1", RR("subw", 0x80000000, 1), 0x7fffffff);
	check("subw 0-1", RR("subw", 0x100000000ull, 1), -1);
	check("addi -2048", RI("addi", 0, -2048), -2048);
	check("addi 2047", RI("addi", 1, 2047), 2048);
	check("addiw wraps", RI("addiw", 0xffffffff, 1), 0);
	check("addiw 0 = sext.w", RI("addiw", 0x00000000fedcba98ull, 0), 0xfffffffffedcba98ull);
	check("slt -1<0", RR("slt", -1, 0), 1);
	check("sltu -1<0", RR("sltu", -1, 0), 0);
	check("slt MIN<MAX", RR("slt", MIN, MAX), 1);
	check("sltu MIN<MAX", RR("sltu", MIN, MAX), 0);
	check("slti -5<-4", RI("slti", -5, -4), 1);
	check("sltiu 0<-1 (unsigned)", RI("sltiu", 0, -1), 1);
	check("sltiu seqz 0", RI("sltiu", 0, 1), 1);
	check("sltiu seqz 5", RI("sltiu", 5, 1), 0);
	check("and", RR("and", 0xff00ff00ff00ff00ull, 0x0ff00ff00ff00ff0ull), 0x0f000f000f000f00ull);
	check("or", RR("or", 0xff00ff00ff00ff00ull, 0x0ff00ff00ff00ff0ull), 0xfff0fff0fff0fff0ull);
	check("xor", RR("xor", 0xff00ff00ff00ff00ull, 0x0ff00ff00ff00ff0ull), 0xf0f0f0f0f0f0f0f0ull);
	check("andi -16", RI("andi", 0x123456789abcdef7ull, -16), 0x123456789abcdef0ull);
	check("ori -1", RI("ori", 0, -1), -1);
	check("xori -1 = not", RI("xori", 0x0123456789abcdefull, -1), ~0x0123456789abcdefull);
	check("xori 0x7ff", RI("xori", 0xffff, 0x7ff), 0xf800);

	check("sll 1<<63", RR("sll", 1, 63), MIN);
	check("sll 1<<64 (shamt 0)", RR("sll", 1, 64), 1);
	check("sll 1<<65 (shamt 1)", RR("sll", 1, 65), 2);
	check("srl MIN>>63", RR("srl", MIN, 63), 1);
	check("srl uses low 6 bits", RR("srl", MIN, 0xffffffffffffffc1ull), 0x4000000000000000ull);
	check("sra MIN>>63", RR("sra", MIN, 63), -1);
	check("sra MIN>>64 (shamt 0)", RR("sra", MIN, 64), MIN);
	check("sra MAX>>62", RR("sra", MAX, 62), 1);
	check("sllw 1<<31", RR("sllw", 1, 31), 0xffffffff80000000ull);
	check("sllw 1<<32 (shamt 0)", RR("sllw", 1, 32), 1);
	check("sllw drops upper", RR("sllw", 0xf00000001ull, 4), 0x10);
	check("srlw 0x80000000>>31", RR("srlw", 0xffffffff80000000ull, 31), 1);
	check("srlw by 0 sign-extends", RR("srlw", 0x80000000ull, 0), 0xffffffff80000000ull);
	check("srlw ignores upper", RR("srlw", 0xffffffff00000010ull, 4), 1);
	check("sraw 0x80000000>>31", RR("sraw", 0x80000000ull, 31), -1);
	check("sraw 0x80000000>>32 (0)", RR("sraw", 0x80000000ull, 32), 0xffffffff80000000ull);
	check("sraw 0x7fffffff>>30", RR("sraw", 0x7fffffff, 30), 1);
	check("slli 63", RI("slli", 3, 63), MIN);
	check("srli 1", RI("srli", -1, 1), MAX);
	check("srai 1", RI("srai", MIN, 1), 0xc000000000000000ull);
	check("srai 0", RI("srai", 5, 0), 5);
	check("slliw 31", RI("slliw", 1, 31), 0xffffffff80000000ull);
	check("srliw 0", RI("srliw", 0xffffffff, 0), -1);
	check("srliw 31", RI("srliw", 0x80000000, 31), 1);
	check("sraiw 31", RI("sraiw", 0x80000000, 31), -1);
	check("sraiw 0 of 0x7fffffff", RI("sraiw", 0x7fffffff, 0), 0x7fffffff);

	check("lui 0x80000 sign-extends", U("lui", 0x80000), 0xffffffff80000000ull);
	check("lui 0x7ffff", U("lui", 0x7ffff), 0x7ffff000);
	__asm__ volatile("auipc %0, 1\n auipc %1, 0" : "=r"(a), "=r"(b));
	check("auipc 1 - auipc 0", a - b, 0x1000 - 4);
	__asm__ volatile("auipc %0, 0x80000\n auipc %1, 0" : "=r"(a), "=r"(b));
	check("auipc 0x80000 (negative)", b - a, 0x80000004ull);
	__asm__ volatile("addi x0, x0, 5\n mv %0, x0" : "=r"(a));
	check("x0 stays 0", a, 0);

	/* jalr clears bit 0 of the target; the link is the next instruction */
	__asm__ volatile(
		".option push\n .option norvc\n"
		"lla t0, 1f\n addi t0, t0, 1\n jalr t1, 0(t0)\n2: li %0, 0\n"
		"1: li %0, 42\n lla t0, 2b\n sub %1, t1, t0\n"
		".option pop"
		: "=r"(a), "=r"(b) : : "t0", "t1");
	check("jalr target & ~1", a, 42);
	check("jalr link = next", b, 0);
	__asm__ volatile("jal t1, 1f\n1: lla t0, 1b\n sub %0, t1, t0" : "=r"(a) : : "t0", "t1");
	check("jal link = next", a, 0);

	check("blt -1,0", branch(0, -1, 0), 1);
	check("bltu -1,0", branch(1, -1, 0), 0);
	check("bge 0,-1", branch(2, 0, -1), 1);
	check("bgeu 0,-1", branch(3, 0, -1), 0);
	check("bge equal", branch(2, MIN, MIN), 1);
	check("beq", branch(4, 7, 7), 1);
	check("bne", branch(5, 7, 7), 0);

	check("lb 0x80", LOAD("lb", &bytes[0]), 0xffffffffffffff80ull);
	check("lbu 0x80", LOAD("lbu", &bytes[0]), 0x80);
	check("lb 0x7f", LOAD("lb", &bytes[1]), 0x7f);
	check("lh 0x8000", LOAD("lh", &bytes[2]), 0xffffffffffff8000ull);
	check("lhu 0x8000", LOAD("lhu", &bytes[2]), 0x8000);
	check("lw 0x80000000", LOAD("lw", &bytes[4]), 0xffffffff80000000ull);
	check("lwu 0x80000000", LOAD("lwu", &bytes[4]), 0x80000000);
	check("ld", LOAD("ld", &bytes[8]), 0xf8f9fafbfcfdfeffull);
	STORE("sb", &bytes[8], 0x1234);
	STORE("sh", &bytes[10], 0x55667788);
	check("sb/sh store low bits", LOAD("ld", &bytes[8]), 0xf8f9fafb7788fe34ull);
	STORE("sw", &bytes[12], 0xaabbccdd11223344ull);
	check("sw stores low word", LOAD("ld", &bytes[8]), 0x112233447788fe34ull);

	/* a long mix of operations on pseudo-random operands (checked against qemu) */
	h = 0;
	a = 0x9e3779b97f4a7c15ull;
	for (i = 0; i < 20000; i++) {
		a = a * 6364136223846793005ull + 1442695040888963407ull;
		b = a >> 17 ^ a << 5;
		h ^= RR("add", a, b) + RR("sub", h, a);
		h = RR("xor", h, RR("sll", b, a)) + RR("srl", h, b) + RR("sra", a, h);
		h += RR("addw", h, b) ^ RR("subw", a, h) ^ RR("sllw", h, a) ^ RR("srlw", b, h) ^ RR("sraw", h, b);
		h += RR("slt", a, b) + 2 * RR("sltu", h, b) + RR("and", a, h) - RR("or", b, h);
		h = h << 1 | h >> 63;
	}
	/* the value qemu-riscv64 7.2 computes, cross-checked in Python */
	check("mix hash", h, 0xeb497306b822c228ull);
	return bare_done();
}
