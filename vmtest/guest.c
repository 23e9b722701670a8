/* bpf-vmtest's guest: the /init of a throwaway kernel under qemu. It mounts what libbpf needs,
 * loads each object of /spec one program at a time, runs what /spec asks with
 * BPF_PROG_TEST_RUN, prints one line per result on the console for the host to read, and powers
 * the machine off. Linked statically: the initramfs holds nothing else. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#define MAX_LINE 4096
#define MAX_RUNS 256 /* run lines kept from /spec (bpf-vmtest asks for no more) */
#define LOG_KEEP 8192

static char libbpf_log[LOG_KEEP]; /* the end of what libbpf said during the current load */
static size_t libbpf_log_len;     /* bytes in libbpf_log */

static int keep_log(enum libbpf_print_level level, const char *fmt, va_list args)
{
	char line[1024];
	int n = vsnprintf(line, sizeof(line), fmt, args);

	(void)level;
	if (n <= 0)
		return 0;
	if ((size_t)n >= sizeof(line))
		n = sizeof(line) - 1;
	if (libbpf_log_len + (size_t)n >= sizeof(libbpf_log)) {
		size_t drop = libbpf_log_len + (size_t)n - sizeof(libbpf_log) + 1;

		memmove(libbpf_log, libbpf_log + drop, libbpf_log_len - drop);
		libbpf_log_len -= drop;
	}
	memcpy(libbpf_log + libbpf_log_len, line, (size_t)n);
	libbpf_log_len += (size_t)n;
	libbpf_log[libbpf_log_len] = '\0';
	return 0;
}

/* The verifier's verdict: the line before its "processed N insns" summary; else the last lines
 * of libbpf's log. On one line. */
static void print_reason(void)
{
	char *summary = NULL, *start, *end;
	int lines = 0;

	for (char *at = strstr(libbpf_log, "processed "); at; at = strstr(at + 1, "processed "))
		if (at == libbpf_log || at[-1] == '\n')
			summary = at;
	if (summary && summary > libbpf_log + 1) {
		end = summary - 1;
		start = end;
		while (start > libbpf_log && start[-1] != '\n')
			start--;
	} else {
		end = libbpf_log + libbpf_log_len;
		start = end;
		while (start > libbpf_log && lines < 3)
			if (*--start == '\n' && start + 1 < end)
				lines++;
	}
	for (char *c = start; c < end && *c; c++)
		putchar(*c == '\n' || *c == '\r' || *c == '\t' ? ' ' : *c);
}

static int hex_value(char c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 :
	       c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* "load OBJECT PROGRAM refused [STAGE]ERROR | REASON", STAGE "open: " when libbpf could not open it. */
static void print_refused(const char *object, const char *program, const char *stage, int err)
{
	printf("vmtest: load %s %s refused %s%s | ", object, program, stage, strerror(err));
	print_reason();
	putchar('\n');
}

/* "run OBJECT PROGRAM HEX EXPECTED": HEX is "-" for no packet, PROGRAM "*" for every one. */
static void run_program(const char *object, const char *name, int fd, const char *hex,
			const char *expected)
{
	unsigned char packet[1024] = { 0 };
	size_t len = 0;
	LIBBPF_OPTS(bpf_test_run_opts, opts);

	if (strcmp(hex, "-")) {
		for (; hex[0] && hex[1] && len < sizeof(packet); hex += 2) {
			int hi = hex_value(hex[0]), lo = hex_value(hex[1]);

			if (hi < 0 || lo < 0)
				break;
			packet[len++] = (unsigned char)(hi << 4 | lo);
		}
		if (len < 64)
			len = 64;
		opts.data_in = packet;
		opts.data_size_in = (unsigned int)len;
		opts.repeat = 1; /* raw tracepoints (no packet) refuse any repeat count */
	}
	if (bpf_prog_test_run_opts(fd, &opts)) {
		printf("vmtest: run %s %s error %s\n", object, name, strerror(errno));
		return;
	}
	printf("vmtest: run %s %s got %u expected %s %s\n", object, name, opts.retval, expected,
	       strtoul(expected, NULL, 0) == opts.retval ? "ok" : "mismatch");
}

/* Load PROGRAM alone from OBJECT (every other program's autoload off), then run it as asked. */
static void load_program(const char *path, const char *object, const char *program,
			 char runs[][MAX_LINE], int run_count)
{
	struct bpf_object *obj = bpf_object__open_file(path, NULL);
	struct bpf_program *p, *chosen = NULL;
	struct bpf_prog_info info;
	__u32 info_len = sizeof(info);

	if (!obj) {
		print_refused(object, program, "open: ", errno);
		return;
	}
	bpf_object__for_each_program(p, obj) {
		bool it = !strcmp(bpf_program__name(p), program);

		bpf_program__set_autoload(p, it);
		if (it)
			chosen = p;
	}
	libbpf_log_len = 0;
	libbpf_log[0] = '\0';
	if (bpf_object__load(obj)) {
		static char first_log[LOG_KEEP];
		size_t first_len = libbpf_log_len;
		int err = errno;

		/* A program may need the others loaded (a prog array initialised with them): try the
		 * whole object before calling it refused, and give the reason of the first try. */
		memcpy(first_log, libbpf_log, first_len + 1);
		bpf_object__close(obj);
		obj = bpf_object__open_file(path, NULL);
		chosen = obj ? bpf_object__find_program_by_name(obj, program) : NULL;
		if (!chosen || bpf_object__load(obj)) {
			memcpy(libbpf_log, first_log, first_len + 1);
			libbpf_log_len = first_len;
			print_refused(object, program, "", err);
			bpf_object__close(obj);
			return;
		}
	}
	memset(&info, 0, sizeof(info));
	bpf_obj_get_info_by_fd(bpf_program__fd(chosen), &info, &info_len);
	printf("vmtest: load %s %s ok xlated %u btf %s\n", object, program, info.xlated_prog_len / 8,
	       info.btf_id ? "yes" : "no");
	for (int i = 0; i < run_count; i++) {
		char obj_name[256], prog_name[256], hex[2100], expected[64];

		if (sscanf(runs[i], "run %255s %255s %2099s %63s", obj_name, prog_name, hex, expected) == 4 &&
		    !strcmp(obj_name, object) && (!strcmp(prog_name, "*") || !strcmp(prog_name, program)))
			run_program(object, program, bpf_program__fd(chosen), hex, expected);
	}
	bpf_object__close(obj);
}

static void test_object(const char *path, const char *object, char runs[][MAX_LINE], int run_count)
{
	struct bpf_object *obj = bpf_object__open_file(path, NULL);
	struct bpf_program *p;
	char names[256][256];
	int count = 0;

	if (!obj) {
		print_refused(object, "-", "open: ", errno);
		return;
	}
	bpf_object__for_each_program(p, obj)
		if (count < 256)
			snprintf(names[count++], sizeof(names[0]), "%s", bpf_program__name(p));
	bpf_object__close(obj);
	if (!count)
		printf("vmtest: load %s - refused no programs\n", object);
	for (int i = 0; i < count; i++)
		load_program(path, object, names[i], runs, run_count);
}

int main(void)
{
	static char runs[MAX_RUNS][MAX_LINE];
	struct rlimit unlimited = { RLIM_INFINITY, RLIM_INFINITY };
	char line[MAX_LINE], uname_release[256] = "";
	int run_count = 0;
	FILE *spec, *release;

	mount("proc", "/proc", "proc", 0, NULL);
	mount("sysfs", "/sys", "sysfs", 0, NULL);
	mount("bpf", "/sys/fs/bpf", "bpf", 0, NULL);
	mount("tracefs", "/sys/kernel/tracing", "tracefs", 0, NULL);
	setrlimit(RLIMIT_MEMLOCK, &unlimited);
	setvbuf(stdout, NULL, _IOLBF, 0);
	libbpf_set_print(keep_log);
	release = fopen("/proc/sys/kernel/osrelease", "r");
	if (release && fgets(uname_release, sizeof(uname_release), release))
		uname_release[strcspn(uname_release, "\n")] = '\0';
	if (release)
		fclose(release);
	printf("vmtest: kernel %s btf %s\n", uname_release,
	       access("/sys/kernel/btf/vmlinux", R_OK) ? "no" : "yes");
	spec = fopen("/spec", "r");
	while (spec && fgets(line, sizeof(line), spec))
		if (!strncmp(line, "run ", 4) && run_count < MAX_RUNS) {
			line[strcspn(line, "\n")] = '\0';
			snprintf(runs[run_count++], MAX_LINE, "%s", line);
		}
	if (spec)
		rewind(spec);
	while (spec && fgets(line, sizeof(line), spec)) {
		char path[512], name[256];

		if (sscanf(line, "object %511s %255s", path, name) == 2)
			test_object(path, name, runs, run_count);
	}
	if (spec)
		fclose(spec);
	printf("vmtest: done\n");
	fflush(stdout);
	sync();
	reboot(RB_POWER_OFF);
	return 0;
}
