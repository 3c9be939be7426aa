/*
 * The runtime of a bare-personality program: picolibc's stdio and malloc
 * on top of six Linux RISC-V system calls (see bare.h), the C side of
 * program start, and the check/show helpers the tests print with.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include "bare.h"

long bare_write(int fd, const void *buf, size_t len)
{
	return bare_syscall(SYS_write, fd, (long)buf, (long)len);
}

long bare_read(int fd, void *buf, size_t len)
{
	return bare_syscall(SYS_read, fd, (long)buf, (long)len);
}

long bare_brk(void *addr)
{
	return bare_syscall(SYS_brk, (long)addr, 0, 0);
}

long bare_clock_gettime(int clock, struct bare_timespec *ts)
{
	return bare_syscall(SYS_clock_gettime, clock, (long)ts, 0);
}

void bare_exit(int status)
{
	for (;;)
		bare_syscall(SYS_exit, status, 0, 0);
}

void bare_exit_group(int status)
{
	for (;;)
		bare_syscall(SYS_exit_group, status, 0, 0);
}

/* picolibc's exit() ends here, after atexit handlers (bare_flush). */
void _exit(int status)
{
	bare_exit_group(status);
}

/* ---- stdio: one buffer per output stream, flushed at '\n', when full,
 * and at exit; stdin is read a byte at a time. */

struct outbuf { int fd; int len; char data[256]; };
static struct outbuf outbufs[2] = { { .fd = 1 }, { .fd = 2 } };

static void drain(struct outbuf *b)
{
	int done = 0;
	while (done < b->len) {
		long n = bare_write(b->fd, b->data + done, b->len - done);
		if (n <= 0)
			break;
		done += n;
	}
	b->len = 0;
}

static int put_byte(struct outbuf *b, char c)
{
	b->data[b->len++] = c;
	if (c == '\n' || b->len == (int)sizeof b->data)
		drain(b);
	return (unsigned char)c;
}

static int out_put(char c, FILE *f) { (void)f; return put_byte(&outbufs[0], c); }
static int err_put(char c, FILE *f) { (void)f; return put_byte(&outbufs[1], c); }
static int out_flush(FILE *f) { (void)f; drain(&outbufs[0]); return 0; }
static int err_flush(FILE *f) { (void)f; drain(&outbufs[1]); return 0; }

static int in_get(FILE *f)
{
	unsigned char c;
	(void)f;
	return bare_read(0, &c, 1) == 1 ? c : EOF;
}

static FILE in_file = FDEV_SETUP_STREAM(NULL, in_get, NULL, _FDEV_SETUP_READ);
static FILE out_file = FDEV_SETUP_STREAM(out_put, NULL, out_flush, _FDEV_SETUP_WRITE);
static FILE err_file = FDEV_SETUP_STREAM(err_put, NULL, err_flush, _FDEV_SETUP_WRITE);
FILE *const stdin = &in_file;
FILE *const stdout = &out_file;
FILE *const stderr = &err_file;

void bare_flush(void)
{
	drain(&outbufs[0]);
	drain(&outbufs[1]);
}

/* ---- the heap: malloc grows it with sbrk, sbrk with brk. */
void *sbrk(ptrdiff_t incr)
{
	static uintptr_t cur;
	uintptr_t old, want;

	if (cur == 0)
		cur = (uintptr_t)bare_brk(0);
	old = cur;
	want = cur + incr;
	if (incr != 0 && (uintptr_t)bare_brk((void *)want) != want) {
		errno = ENOMEM;
		return (void *)-1;
	}
	cur = want;
	return (void *)old;
}

/* ---- start: the TLS block, constructors, main, exit. */
extern char __tdata_start[], __tdata_end[], __tls_block[], __tls_size[];
extern void __libc_init_array(void);
extern int main(int, char **, char **);

long *bare_auxv;        /* the auxiliary vector the kernel passed */

void __bare_start(long *sp) __attribute__((noreturn, used));
void __bare_start(long *sp)
{
	int argc = (int)sp[0];
	char **argv = (char **)(sp + 1);
	char **envp = argv + argc + 1;
	char **e = envp;
	size_t tdata = __tdata_end - __tdata_start;

	while (*e)
		e++;
	bare_auxv = (long *)(e + 1);

	/* picolibc keeps errno in thread-local storage: tp points at a copy
	 * of .tdata followed by the zeroed .tbss (RISC-V: no TCB before it). */
	memcpy(__tls_block, __tdata_start, tdata);
	memset(__tls_block + tdata, 0, (size_t)__tls_size - tdata);
	__asm__ volatile("mv tp, %0" : : "r"(__tls_block));

	atexit(bare_flush);
	__libc_init_array();
	exit(main(argc, argv, envp));
}

/* ---- checks */
int bare_failures;

void check(const char *what, uint64_t got, uint64_t want)
{
	if (got == want) {
		printf("%-32s %016llx ok\n", what, (unsigned long long)got);
	} else {
		printf("%-32s %016llx FAIL want %016llx\n", what,
		       (unsigned long long)got, (unsigned long long)want);
		bare_failures++;
	}
}

void show(const char *what, uint64_t value)
{
	printf("%-32s %016llx\n", what, (unsigned long long)value);
}

int bare_done(void)
{
	if (bare_failures)
		printf("FAILED: %d check(s)\n", bare_failures);
	else
		printf("PASSED\n");
	return bare_failures != 0;
}
