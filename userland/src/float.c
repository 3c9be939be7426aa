/* float: plain C floating point, compiled for hardware F/D (rv64gc) and for
 * libgcc's soft-float (rv64imac): results are printed as bit patterns and
 * must be the same either way (round to nearest even). */
#include <stdio.h>
#include <string.h>
#include "bare.h"

static uint64_t bits(double d) { uint64_t u; memcpy(&u, &d, 8); return u; }
static uint32_t fbits(float f) { uint32_t u; memcpy(&u, &f, 4); return u; }
static double dbl(uint64_t u) { double d; memcpy(&d, &u, 8); return d; }

static volatile double vz = 0.0, vone = 1.0, vthree = 3.0, vbig = 1e308, vtiny = 4.9406564584124654e-324;
static volatile float fone = 1.0f, fthree = 3.0f, fbig = 3e38f;

int main(void)
{
	double x, s;
	float fx, fs;
	uint64_t h = 0;
	int i;

	check("1.0/3.0", bits(vone / vthree), 0x3fd5555555555555ull);
	check("1.0f/3.0f", fbits(fone / fthree), 0x3eaaaaab);
	check("0.1+0.2", bits(0.1 + vz + 0.2), 0x3fd3333333333334ull);
	check("1e308*10 = inf", bits(vbig * 10), 0x7ff0000000000000ull);
	check("3e38f*2 = inf", fbits(fbig * 2), 0x7f800000);
	check("tiny/2 rounds to even 0", bits(vtiny / 2), 0);
	check("tiny*0.75 rounds to tiny", bits(vtiny * 0.75), 1);
	check("-0.0 * 1", bits(-vz * vone), 0x8000000000000000ull);
	check("1/0 = inf", bits(vone / vz), 0x7ff0000000000000ull);
	check("0/0 is NaN", (bits(vz / vz) & 0x7ff8000000000000ull) == 0x7ff8000000000000ull, 1);
	check("(int)-2.9", (uint64_t)(int64_t)(int)(-2.9 + vz), (uint64_t)-2);
	check("(long)1e18", (uint64_t)(long)(1e18 + vz), 1000000000000000000ull);
	check("(unsigned long)1.8e19", (uint64_t)(1.8e19 + vz), 18000000000000000000ull);
	check("(double)(2^53+1)", bits((double)(9007199254740993ll + (long)vz)), 0x4340000000000000ull);
	check("(float)16777217", fbits((float)(16777217 + (int)vz)), 0x4b800000);
	check("(double)1e-45f", bits((double)(float)(1e-45 + vz)), 0x36a0000000000000ull);
	check("(float)1/3 double", fbits((float)(vone / vthree)), 0x3eaaaaab);
	check("1 < NaN", vone < vz / vz, 0);
	check("NaN != NaN", (vz / vz) != (vz / vz), 1);

	/* sums and products that round often (the same bits with hardware
	 * and soft float, on qemu and in Python; -ffp-contract=off keeps
	 * the compiler from fusing them into fmadd) */
	s = 0;
	x = 1;
	for (i = 1; i <= 2000; i++) {
		s += 1.0 / i;
		x = x * 1.0001 + s / (i + 0.5);
		h = (h << 5 | h >> 59) ^ bits(s) ^ bits(x);
	}
	check("harmonic(2000)", bits(s), 0x40205b5310674fb9ull);
	fs = 0;
	fx = 1;
	for (i = 1; i <= 2000; i++) {
		fs += 1.0f / i;
		fx = fx * 1.0001f - fs / (i + 0.25f);
		h = (h << 5 | h >> 59) ^ fbits(fs) ^ fbits(fx);
	}
	check("harmonic(2000) in float", fbits(fs), 0x4102da99);
	check("hash of the steps", h, 0x575aa36a2619df7eull);
	check("sqrt(2) squared", bits(dbl(0x3ff6a09e667f3bcdull) * dbl(0x3ff6a09e667f3bcdull)), 0x4000000000000001ull);
	return bare_done();
}
