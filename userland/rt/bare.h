/* The bare personality: the six Linux RISC-V system calls jmach's --bare
 * mode implements, and a few helpers the test programs share. */
#ifndef BARE_H
#define BARE_H

#include <stdint.h>
#include <stddef.h>

#define SYS_read          63
#define SYS_write         64
#define SYS_exit          93
#define SYS_exit_group    94
#define SYS_clock_gettime 113
#define SYS_brk           214

static inline long bare_syscall(long n, long x, long y, long z)
{
	register long a0 __asm__("a0") = x;
	register long a1 __asm__("a1") = y;
	register long a2 __asm__("a2") = z;
	register long a7 __asm__("a7") = n;
	__asm__ volatile("ecall" : "+r"(a0) : "r"(a1), "r"(a2), "r"(a7) : "memory");
	return a0;
}

struct bare_timespec { long tv_sec; long tv_nsec; };

long bare_write(int fd, const void *buf, size_t len);
long bare_read(int fd, void *buf, size_t len);
long bare_brk(void *addr);
long bare_clock_gettime(int clock, struct bare_timespec *ts);
void bare_exit(int status) __attribute__((noreturn));       /* exit (93) */
void bare_exit_group(int status) __attribute__((noreturn)); /* exit_group (94) */
void bare_flush(void);          /* flush the stdout/stderr buffers */

/* Self-checking helpers: every check prints one line; failures are counted
 * and bare_done() exits 1 if there were any, else 0. */
extern int bare_failures;
void check(const char *what, uint64_t got, uint64_t want);
void show(const char *what, uint64_t value);   /* unchecked: compared with qemu */
int bare_done(void);

#endif
