/* fpenv (rv64gc only): F and D by instruction, on raw bit patterns:
 * the five rounding modes (in the instruction and through frm), the five
 * flags of fflags (NV 0x10, DZ 0x08, OF 0x04, UF 0x02, NX 0x01), fcsr,
 * NaN boxing, saturating conversions, fmin/fmax, comparisons, fclass, fma. */
#include <stdio.h>
#include "bare.h"

static unsigned fl;     /* fflags after the last operation */

#define FOP2(insn, rm, a, b) ({ uint64_t _r; unsigned _f; __asm__ volatile( \
	"fmv.d.x ft0, %2\n fmv.d.x ft1, %3\n fsflags zero\n" \
	insn " ft2, ft0, ft1" rm "\n frflags %1\n fmv.x.d %0, ft2" \
	: "=&r"(_r), "=&r"(_f) : "r"((uint64_t)(a)), "r"((uint64_t)(b)) \
	: "ft0", "ft1", "ft2"); fl = _f; _r; })
#define FOP3(insn, a, b, c) ({ uint64_t _r; unsigned _f; __asm__ volatile( \
	"fmv.d.x ft0, %2\n fmv.d.x ft1, %3\n fmv.d.x ft2, %4\n fsflags zero\n" \
	insn " ft3, ft0, ft1, ft2\n frflags %1\n fmv.x.d %0, ft3" \
	: "=&r"(_r), "=&r"(_f) : "r"((uint64_t)(a)), "r"((uint64_t)(b)), \
	  "r"((uint64_t)(c)) : "ft0", "ft1", "ft2", "ft3"); fl = _f; _r; })
#define FOP1(insn, rm, a) ({ uint64_t _r; unsigned _f; __asm__ volatile( \
	"fmv.d.x ft0, %2\n fsflags zero\n" insn " ft2, ft0" rm "\n" \
	"frflags %1\n fmv.x.d %0, ft2" \
	: "=&r"(_r), "=&r"(_f) : "r"((uint64_t)(a)) : "ft0", "ft2"); fl = _f; _r; })
/* floating point to integer register (fcvt.[l|w][u], fclass, fmv.x.*) */
#define FTOI(insn, rm, a) ({ uint64_t _r; unsigned _f; __asm__ volatile( \
	"fmv.d.x ft0, %2\n fsflags zero\n" insn " %0, ft0" rm "\n frflags %1" \
	: "=&r"(_r), "=&r"(_f) : "r"((uint64_t)(a)) : "ft0"); fl = _f; _r; })
/* integer register to floating point (fcvt.[s|d].[l|w][u], fmv.*.x) */
#define ITOF(insn, rm, a) ({ uint64_t _r; unsigned _f; __asm__ volatile( \
	"fsflags zero\n" insn " ft0, %2" rm "\n frflags %1\n fmv.x.d %0, ft0" \
	: "=&r"(_r), "=&r"(_f) : "r"((uint64_t)(a)) : "ft0"); fl = _f; _r; })
#define FCMP(insn, a, b) ({ uint64_t _r; unsigned _f; __asm__ volatile( \
	"fmv.d.x ft0, %2\n fmv.d.x ft1, %3\n fsflags zero\n" \
	insn " %0, ft0, ft1\n frflags %1" \
	: "=&r"(_r), "=&r"(_f) : "r"((uint64_t)(a)), "r"((uint64_t)(b)) \
	: "ft0", "ft1"); fl = _f; _r; })

#define S(x) (0xffffffff00000000ull | (uint32_t)(x))  /* a NaN-boxed single */

enum { NX = 1, UF = 2, OF = 4, DZ = 8, NV = 16 };
static const char *const rmname[5] = { "rne", "rtz", "rdn", "rup", "rmm" };

static void checkf(const char *what, uint64_t got, uint64_t want, unsigned wantfl)
{
	if (got == want && fl == wantfl) {
		printf("%-34s %016llx %02x ok\n", what, (unsigned long long)got, fl);
	} else {
		printf("%-34s %016llx %02x FAIL want %016llx %02x\n", what,
		       (unsigned long long)got, fl, (unsigned long long)want, wantfl);
		bare_failures++;
	}
}

static void set_frm(unsigned rm)
{
	__asm__ volatile("fsrm %0" : : "r"(rm));
}

/* the same operation in each mode, static in the instruction, then
 * dynamic through frm */
#define EACH_RM(label, OP, want, wantfl) do { \
	uint64_t _st[5]; unsigned _sf[5]; int _m; char _l[48]; \
	_st[0] = OP(", rne"); _sf[0] = fl; _st[1] = OP(", rtz"); _sf[1] = fl; \
	_st[2] = OP(", rdn"); _sf[2] = fl; _st[3] = OP(", rup"); _sf[3] = fl; \
	_st[4] = OP(", rmm"); _sf[4] = fl; \
	for (_m = 0; _m < 5; _m++) { \
		snprintf(_l, sizeof _l, "%s %s", label, rmname[_m]); \
		fl = _sf[_m]; checkf(_l, _st[_m], (want)[_m], wantfl); \
		set_frm(_m); \
		snprintf(_l, sizeof _l, "%s dyn=%s", label, rmname[_m]); \
		{ uint64_t _d = OP(", dyn"); checkf(_l, _d, (want)[_m], wantfl); } \
	} \
	set_frm(0); \
} while (0)

int main(void)
{
	uint64_t r, v;
	const uint64_t ONE = 0x3ff0000000000000ull, TWO = 0x4000000000000000ull;
	const uint64_t DMAX = 0x7fefffffffffffffull, DMIN = 0x0010000000000000ull;
	const uint64_t INF = 0x7ff0000000000000ull, NINF = 0xfff0000000000000ull;
	const uint64_t QNAN = 0x7ff8000000000000ull, SNAN = 0x7ff0000000000001ull;
	const uint64_t NZERO = 0x8000000000000000ull;

	/* ---- fcsr, frm, fflags */
	__asm__ volatile("fscsr %0, %1" : "=r"(r) : "r"(0x9f));
	__asm__ volatile("frcsr %0" : "=r"(v));
	check("fcsr written 0x9f", v, 0x9f);
	__asm__ volatile("frrm %0" : "=r"(v));
	check("frm of fcsr 0x9f", v, 4);
	__asm__ volatile("frflags %0" : "=r"(v));
	check("fflags of fcsr 0x9f", v, 0x1f);
	__asm__ volatile("csrci fflags, 1\n frflags %0" : "=r"(v));
	check("csrci fflags NX", v, 0x1e);
	__asm__ volatile("fsrm %0, %1" : "=r"(r) : "r"(1));
	check("fsrm returns the old frm", r, 4);
	__asm__ volatile("frcsr %0" : "=r"(v));
	check("fcsr after fsrm 1", v, 0x3e);
	__asm__ volatile("fscsr %0" : : "r"(0xfff));
	__asm__ volatile("frcsr %0" : "=r"(v));
	check("fcsr keeps 8 bits", v, 0xff);
	__asm__ volatile("fsflagsi 0x15\n frflags %0" : "=r"(v));
	check("fsflagsi 0x15", v, 0x15);
	__asm__ volatile("fscsr zero");

	/* ---- rounding modes */
	{
		static const uint64_t third[5] = { S(0x3eaaaaab), S(0x3eaaaaaa), S(0x3eaaaaaa), S(0x3eaaaaab), S(0x3eaaaaab) };
		static const uint64_t nthird[5] = { S(0xbeaaaaab), S(0xbeaaaaaa), S(0xbeaaaaab), S(0xbeaaaaaa), S(0xbeaaaaab) };
		static const uint64_t tie[5] = { ONE, ONE, ONE, ONE + 1, ONE + 1 };
		static const uint64_t tie_odd[5] = { ONE + 2, ONE + 1, ONE + 1, ONE + 2, ONE + 2 };
		static const uint64_t ntie[5] = { ONE | NZERO, ONE | NZERO, (ONE | NZERO) + 1, ONE | NZERO, (ONE | NZERO) + 1 };
		static const uint64_t over[5] = { INF, DMAX, DMAX, INF, INF };
		static const uint64_t nover[5] = { NINF, DMAX | NZERO, NINF, DMAX | NZERO, NINF };
		static const uint64_t cvt25[5] = { 2, 2, 2, 3, 3 };
		static const uint64_t cvtm25[5] = { -2, -2, -3, -2, -3 };
		static const uint64_t s2p24p1[5] = { S(0x4b800000), S(0x4b800000), S(0x4b800000), S(0x4b800001), S(0x4b800001) };
		static const uint64_t ul2d[5] = { 0x43f0000000000000ull, 0x43efffffffffffffull, 0x43efffffffffffffull, 0x43f0000000000000ull, 0x43f0000000000000ull };
		static const uint64_t d2s[5] = { S(0x3eaaaaab), S(0x3eaaaaaa), S(0x3eaaaaaa), S(0x3eaaaaab), S(0x3eaaaaab) };
		static const uint64_t sqrt2[5] = { 0x3ff6a09e667f3bcdull, 0x3ff6a09e667f3bccull, 0x3ff6a09e667f3bccull, 0x3ff6a09e667f3bcdull, 0x3ff6a09e667f3bcdull };
#define OP_THIRD(rm) FOP2("fdiv.s", rm, S(0x3f800000), S(0x40400000))
#define OP_NTHIRD(rm) FOP2("fdiv.s", rm, S(0xbf800000), S(0x40400000))
#define OP_TIE(rm) FOP2("fadd.d", rm, ONE, 0x3ca0000000000000ull)
#define OP_TIE_ODD(rm) FOP2("fadd.d", rm, ONE + 1, 0x3ca0000000000000ull)
#define OP_NTIE(rm) FOP2("fsub.d", rm, ONE | NZERO, 0x3ca0000000000000ull)
#define OP_OVER(rm) FOP2("fmul.d", rm, DMAX, TWO)
#define OP_NOVER(rm) FOP2("fmul.d", rm, DMAX | NZERO, TWO)
#define OP_CVT25(rm) FTOI("fcvt.w.s", rm, S(0x40200000))
#define OP_CVTM25(rm) FTOI("fcvt.l.d", rm, 0xc004000000000000ull)
#define OP_S2P24P1(rm) ITOF("fcvt.s.l", rm, 16777217)
#define OP_UL2D(rm) ITOF("fcvt.d.lu", rm, -1)
#define OP_D2S(rm) FOP1("fcvt.s.d", rm, 0x3fd5555555555555ull)
#define OP_SQRT2(rm) FOP1("fsqrt.d", rm, TWO)
		EACH_RM("fdiv.s 1/3", OP_THIRD, third, NX);
		EACH_RM("fdiv.s -1/3", OP_NTHIRD, nthird, NX);
		EACH_RM("fadd.d 1+2^-53", OP_TIE, tie, NX);
		EACH_RM("fadd.d 1+ulp+2^-53", OP_TIE_ODD, tie_odd, NX);
		EACH_RM("fsub.d -1-2^-53", OP_NTIE, ntie, NX);
		EACH_RM("fmul.d MAX*2", OP_OVER, over, OF | NX);
		EACH_RM("fmul.d -MAX*2", OP_NOVER, nover, OF | NX);
		EACH_RM("fcvt.w.s 2.5", OP_CVT25, cvt25, NX);
		EACH_RM("fcvt.l.d -2.5", OP_CVTM25, cvtm25, NX);
		EACH_RM("fcvt.s.l 2^24+1", OP_S2P24P1, s2p24p1, NX);
		EACH_RM("fcvt.d.lu 2^64-1", OP_UL2D, ul2d, NX);
		EACH_RM("fcvt.s.d 1/3", OP_D2S, d2s, NX);
		EACH_RM("fsqrt.d 2", OP_SQRT2, sqrt2, NX);
	}

	/* ---- each flag */
	checkf("fdiv.d 1/0 DZ", FOP2("fdiv.d", "", ONE, 0), INF, DZ);
	checkf("fdiv.d -1/0 DZ", FOP2("fdiv.d", "", ONE | NZERO, 0), NINF, DZ);
	checkf("fdiv.s 1/-0 DZ", FOP2("fdiv.s", "", S(0x3f800000), S(0x80000000)), S(0xff800000), DZ);
	checkf("fdiv.d 0/0 NV", FOP2("fdiv.d", "", 0, 0), QNAN, NV);
	checkf("fsqrt.d -1 NV", FOP1("fsqrt.d", "", ONE | NZERO), QNAN, NV);
	checkf("fsqrt.d -0", FOP1("fsqrt.d", "", NZERO), NZERO, 0);
	checkf("fsqrt.s -1 NV", FOP1("fsqrt.s", "", S(0xbf800000)), S(0x7fc00000), NV);
	checkf("fsub.d inf-inf NV", FOP2("fsub.d", "", INF, INF), QNAN, NV);
	checkf("fmul.d 0*inf NV", FOP2("fmul.d", "", 0, INF), QNAN, NV);
	checkf("fadd.d sNaN+1 NV", FOP2("fadd.d", "", SNAN, ONE), QNAN, NV);
	checkf("fadd.d qNaN+1 quiet", FOP2("fadd.d", "", 0x7ff8000000000123ull, ONE), QNAN, 0);
	checkf("fadd.s sNaN+1 NV", FOP2("fadd.s", "", S(0x7f800001), S(0x3f800000)), S(0x7fc00000), NV);
	checkf("fmul.d MIN*0.5 exact subnormal", FOP2("fmul.d", "", DMIN, 0x3fe0000000000000ull), 0x0008000000000000ull, 0);
	checkf("fmul.d MIN*(1/3) UF", FOP2("fmul.d", "", DMIN, 0x3fd5555555555555ull), 0x0005555555555555ull, UF | NX);
	checkf("fmul.s tiny*tiny UF", FOP2("fmul.s", "", S(0x00800000), S(0x00800000)), S(0), UF | NX);
	checkf("fmul.s tiny*tiny rup", FOP2("fmul.s", ", rup", S(0x00800000), S(0x00800000)), S(1), UF | NX);
	checkf("fadd.s MAX+MAX OF", FOP2("fadd.s", "", S(0x7f7fffff), S(0x7f7fffff)), S(0x7f800000), OF | NX);
	checkf("fdiv.d 1/3 NX", FOP2("fdiv.d", "", ONE, 0x4008000000000000ull), 0x3fd5555555555555ull, NX);
	checkf("fadd.d 1+1 exact", FOP2("fadd.d", "", ONE, ONE), TWO, 0);
	checkf("fadd.d -0+0 rne", FOP2("fadd.d", "", NZERO, 0), 0, 0);
	checkf("fadd.d -0+0 rdn is -0", FOP2("fadd.d", ", rdn", NZERO, 0), NZERO, 0);
	checkf("fsub.d 1-1 rdn is -0", FOP2("fsub.d", ", rdn", ONE, ONE), NZERO, 0);
	checkf("fdiv.d inf/inf NV", FOP2("fdiv.d", "", INF, NINF), QNAN, NV);
	/* flags accumulate until cleared */
	__asm__ volatile("fsflags zero\n fmv.d.x ft0, %1\n fmv.d.x ft1, zero\n"
			 "fdiv.d ft2, ft0, ft1\n fsqrt.d ft2, ft2\n fmul.d ft2, ft0, ft0\n"
			 "fsub.d ft2, ft0, ft0\n fdiv.d ft2, ft1, ft1\n frflags %0"
			 : "=r"(v) : "r"(DMAX) : "ft0", "ft1", "ft2");
	check("flags accumulate", v, DZ | OF | NX | NV);

	/* ---- fused multiply-add: one rounding */
	checkf("fmadd.d (1+u)(1-u/2)-1 fused", FOP3("fmadd.d", ONE + 1, 0x3fefffffffffffffull, ONE | NZERO), 0x3c9ffffffffffffeull, 0);
	checkf("fmadd.d 2*3+1", FOP3("fmadd.d", TWO, 0x4008000000000000ull, ONE), 0x401c000000000000ull, 0);
	checkf("fmsub.d 2*3-1", FOP3("fmsub.d", TWO, 0x4008000000000000ull, ONE), 0x4014000000000000ull, 0);
	checkf("fnmsub.d -(2*3)+1", FOP3("fnmsub.d", TWO, 0x4008000000000000ull, ONE), 0xc014000000000000ull, 0);
	checkf("fnmadd.d -(2*3)-1", FOP3("fnmadd.d", TWO, 0x4008000000000000ull, ONE), 0xc01c000000000000ull, 0);
	checkf("fmadd.d inf*0+qNaN NV", FOP3("fmadd.d", INF, 0, QNAN), QNAN, NV);
	checkf("fmadd.s 2*3+1", FOP3("fmadd.s", S(0x40000000), S(0x40400000), S(0x3f800000)), S(0x40e00000), 0);
	checkf("fmadd.s 1/3*3-1 fused", FOP3("fmadd.s", S(0x3eaaaaab), S(0x40400000), S(0xbf800000)), S(0x33000000), 0);

	/* ---- NaN boxing */
	{
		static volatile float one = 1.0f;
		static volatile uint64_t mem;
		static volatile uint32_t mem32[2];
		__asm__ volatile("flw ft0, %1\n fmv.x.d %0, ft0" : "=r"(v) : "m"(one) : "ft0");
		check("flw boxes", v, S(0x3f800000));
		check("fmv.w.x boxes", ITOF("fmv.w.x", "", 0x123456783f800000ull), S(0x3f800000));
		check("fmv.x.w sign-extends", FTOI("fmv.x.w", "", S(0x80000000)), 0xffffffff80000000ull);
		check("fmv.x.w ignores boxing", FTOI("fmv.x.w", "", 0x000000003f800000ull), 0x3f800000);
		checkf("fadd.s of unboxed = NaN", FOP2("fadd.s", "", 0x000000003f800000ull, S(0x3f800000)), S(0x7fc00000), 0);
		checkf("fsgnj.s unboxed", FOP2("fsgnj.s", "", 0x000000003f800000ull, S(0xbf800000)), S(0xffc00000), 0);
		checkf("fsgnjn.s boxed", FOP2("fsgnjn.s", "", S(0x3f800000), S(0x3f800000)), S(0xbf800000), 0);
		checkf("fsgnjx.s boxed", FOP2("fsgnjx.s", "", S(0xbf800000), S(0xbf800000)), S(0x3f800000), 0);
		checkf("fsgnj.d", FOP2("fsgnj.d", "", ONE, NZERO), ONE | NZERO, 0);
		checkf("fcvt.d.s of unboxed", FOP1("fcvt.d.s", "", 0xfffffffe3f800000ull), QNAN, 0);
		checkf("fcvt.d.s 1", FOP1("fcvt.d.s", "", S(0x3f800000)), ONE, 0);
		checkf("fcvt.d.s sNaN NV", FOP1("fcvt.d.s", "", S(0x7f800001)), QNAN, NV);
		checkf("fcvt.s.d sNaN NV", FOP1("fcvt.s.d", "", SNAN), S(0x7fc00000), NV);
		checkf("fcvt.s.d MAX OF", FOP1("fcvt.s.d", "", DMAX), S(0x7f800000), OF | NX);
		checkf("feq.s unboxed", FCMP("feq.s", 0x000000003f800000ull, 0x000000003f800000ull), 0, 0);
		__asm__ volatile("fmv.w.x ft0, %1\n fsd ft0, %0" : "=m"(mem) : "r"(0x40490fdb) : "ft0");
		check("fsd of a single stores the box", mem, S(0x40490fdb));
		mem32[0] = 0x55667788;
		mem32[1] = 0x11223344;
		__asm__ volatile("fmv.d.x ft0, %1\n fsw ft0, %0" : "=m"(mem32[0]) : "r"(0xaabbccdd99887766ull) : "ft0");
		check("fsw stores the low word", (uint64_t)mem32[1] << 32 | mem32[0], 0x1122334499887766ull);
	}

	/* ---- conversions saturate */
	checkf("fcvt.w.d 1e10", FTOI("fcvt.w.d", ", rtz", 0x4202a05f20000000ull), 0x7fffffff, NV);
	checkf("fcvt.w.d -1e10", FTOI("fcvt.w.d", ", rtz", 0xc202a05f20000000ull), 0xffffffff80000000ull, NV);
	checkf("fcvt.w.d NaN", FTOI("fcvt.w.d", ", rtz", QNAN), 0x7fffffff, NV);
	checkf("fcvt.w.d -NaN", FTOI("fcvt.w.d", ", rtz", QNAN | NZERO), 0x7fffffff, NV);
	checkf("fcvt.w.d -inf", FTOI("fcvt.w.d", ", rtz", NINF), 0xffffffff80000000ull, NV);
	checkf("fcvt.w.d 2^31-0.5 rne", FTOI("fcvt.w.d", ", rne", 0x41dfffffffe00000ull), 0x7fffffff, NV);
	checkf("fcvt.w.d 2^31-0.5 rtz", FTOI("fcvt.w.d", ", rtz", 0x41dfffffffe00000ull), 0x7fffffff, NX);
	checkf("fcvt.wu.d -1", FTOI("fcvt.wu.d", ", rtz", ONE | NZERO), 0, NV);
	checkf("fcvt.wu.d -0.5 rtz", FTOI("fcvt.wu.d", ", rtz", 0xbfe0000000000000ull), 0, NX);
	checkf("fcvt.wu.d 4e9 sign-extends", FTOI("fcvt.wu.d", ", rtz", 0x41edcd6500000000ull), 0xffffffffee6b2800ull, 0);
	checkf("fcvt.wu.d 5e9", FTOI("fcvt.wu.d", ", rtz", 0x41f2a05f20000000ull), -1, NV);
	checkf("fcvt.wu.d NaN", FTOI("fcvt.wu.d", ", rtz", QNAN), -1, NV);
	checkf("fcvt.l.d inf", FTOI("fcvt.l.d", ", rtz", INF), 0x7fffffffffffffffull, NV);
	checkf("fcvt.l.d -1e19", FTOI("fcvt.l.d", ", rtz", 0xc3e158e460913d00ull), NZERO, NV);
	checkf("fcvt.l.d -2^63 exact", FTOI("fcvt.l.d", ", rtz", 0xc3e0000000000000ull), NZERO, 0);
	checkf("fcvt.l.d 2^63", FTOI("fcvt.l.d", ", rtz", 0x43e0000000000000ull), 0x7fffffffffffffffull, NV);
	checkf("fcvt.lu.d NaN", FTOI("fcvt.lu.d", ", rtz", QNAN), -1, NV);
	checkf("fcvt.lu.d 2^64", FTOI("fcvt.lu.d", ", rtz", 0x43f0000000000000ull), -1, NV);
	checkf("fcvt.lu.d -inf", FTOI("fcvt.lu.d", ", rtz", NINF), 0, NV);
	checkf("fcvt.w.s 2^31", FTOI("fcvt.w.s", ", rtz", S(0x4f000000)), 0x7fffffff, NV);
	checkf("fcvt.w.s -2^31 exact", FTOI("fcvt.w.s", ", rtz", S(0xcf000000)), 0xffffffff80000000ull, 0);
	checkf("fcvt.lu.s -0.9 rtz", FTOI("fcvt.lu.s", ", rtz", S(0xbf666666)), 0, NX);
	checkf("fcvt.d.w -1", ITOF("fcvt.d.w", "", -1), ONE | NZERO, 0);
	checkf("fcvt.d.wu 0xffffffff", ITOF("fcvt.d.wu", "", -1), 0x41efffffffe00000ull, 0);
	checkf("fcvt.s.w ignores upper", ITOF("fcvt.s.w", "", 0x1234567800000001ull), S(0x3f800000), 0);

	/* ---- fmin/fmax (minimumNumber), comparisons, fclass */
	checkf("fmin.d -0,+0", FOP2("fmin.d", "", NZERO, 0), NZERO, 0);
	checkf("fmin.d +0,-0", FOP2("fmin.d", "", 0, NZERO), NZERO, 0);
	checkf("fmax.d -0,+0", FOP2("fmax.d", "", NZERO, 0), 0, 0);
	checkf("fmin.d qNaN,1", FOP2("fmin.d", "", QNAN, ONE), ONE, 0);
	checkf("fmax.d 1,sNaN", FOP2("fmax.d", "", ONE, SNAN), ONE, NV);
	checkf("fmin.d qNaN,qNaN", FOP2("fmin.d", "", 0x7ff8000000000042ull, QNAN), QNAN, 0);
	checkf("fmax.s sNaN,sNaN", FOP2("fmax.s", "", S(0x7f800001), S(0xff800001)), S(0x7fc00000), NV);
	checkf("fmax.s -1,-2", FOP2("fmax.s", "", S(0xbf800000), S(0xc0000000)), S(0xbf800000), 0);
	checkf("feq.d qNaN,1 quiet", FCMP("feq.d", QNAN, ONE), 0, 0);
	checkf("feq.d sNaN,1 NV", FCMP("feq.d", SNAN, ONE), 0, NV);
	checkf("flt.d qNaN,1 NV", FCMP("flt.d", QNAN, ONE), 0, NV);
	checkf("fle.d 1,qNaN NV", FCMP("fle.d", ONE, QNAN), 0, NV);
	checkf("feq.d -0,+0", FCMP("feq.d", NZERO, 0), 1, 0);
	checkf("flt.d -0,+0", FCMP("flt.d", NZERO, 0), 0, 0);
	checkf("fle.d -inf,MIN", FCMP("fle.d", NINF, DMIN), 1, 0);
	checkf("flt.s -1,1", FCMP("flt.s", S(0xbf800000), S(0x3f800000)), 1, 0);
	{
		static const uint64_t d[10] = { NINF, ONE | NZERO, 0x8000000000000001ull, NZERO, 0,
			0x000fffffffffffffull, ONE, INF, SNAN, QNAN };
		static const uint32_t s[10] = { 0xff800000, 0xbf800000, 0x80000001, 0x80000000, 0,
			0x007fffff, 0x3f800000, 0x7f800000, 0x7f800001, 0x7fc00000 };
		int i;
		char l[40];
		for (i = 0; i < 10; i++) {
			snprintf(l, sizeof l, "fclass.d class %d", i);
			checkf(l, FTOI("fclass.d", "", d[i]), 1u << i, 0);
			snprintf(l, sizeof l, "fclass.s class %d", i);
			checkf(l, FTOI("fclass.s", "", S(s[i])), 1u << i, 0);
		}
		checkf("fclass.s unboxed = qNaN", FTOI("fclass.s", "", 0x3f800000), 1u << 9, 0);
	}
	return bare_done();
}
