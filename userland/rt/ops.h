/* One instruction, by inline assembly, so the compiler can't fold it. */
#ifndef OPS_H
#define OPS_H
#include <stdint.h>

#define RR(op, a, b) ({ uint64_t _r; __asm__ volatile(op " %0, %1, %2" \
	: "=r"(_r) : "r"((uint64_t)(a)), "r"((uint64_t)(b))); _r; })
#define RI(op, a, imm) ({ uint64_t _r; __asm__ volatile(op " %0, %1, %2" \
	: "=r"(_r) : "r"((uint64_t)(a)), "i"(imm)); _r; })
#define U(op, imm) ({ uint64_t _r; __asm__ volatile(op " %0, %1" \
	: "=r"(_r) : "i"(imm)); _r; })
#define LOAD(op, p) ({ uint64_t _r; __asm__ volatile(op " %0, 0(%1)" \
	: "=r"(_r) : "r"(p) : "memory"); _r; })
#define STORE(op, p, v) __asm__ volatile(op " %1, 0(%0)" \
	: : "r"(p), "r"((uint64_t)(v)) : "memory")

#endif
