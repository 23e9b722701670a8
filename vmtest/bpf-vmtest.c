/* bpf-vmtest: load BPF objects into other kernels than the running one, under qemu (TCG: no KVM,
 * no root). Kernels are Debian's, fetched on first use from the registry the machine's own apt
 * sources name, with a private apt configuration under the cache; nothing of the machine's apt
 * state changes. Each kernel boots with an initramfs holding the guest loader (its /init), the
 * objects and a spec; the guest prints one line per result on the serial console.
 *
 *   bpf-vmtest --list
 *   bpf-vmtest --prepare [KERNEL...]
 *   bpf-vmtest [--kernel NAME]... [--run PROG:HEX:EXPECTED]... OBJECT...
 */
#include <errno.h>
#include <fcntl.h>
#include <glob.h>
#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#define MAX_OBJECTS 256
#define MAX_RUNS 256
#define MAX_KERNELS 8
#define GUEST_MAX_RUNS 256 /* run lines the guest keeps (guest.c's MAX_RUNS) */

struct kernel {
	const char *name;     /* what --kernel says */
	const char *suite;    /* Debian suite that ships it */
	const char *arch;     /* Debian architecture */
	const char *package;  /* extended regex for the image package's name */
	const char *qemu;     /* qemu binary */
	const char *machine;  /* qemu options before -kernel */
	const char *console;  /* kernel command line */
	const char *guest;    /* the guest loader's architecture */
	bool elf_vmlinux;     /* boot the decompressed ELF vmlinux (x86: qemu skips the slow decompressor) */
	char endian;          /* 'l' or 'b' */
};

/* qemu, its options, the kernel command line, the guest and the image of every amd64 kernel. */
#define AMD64 "qemu-system-x86_64", "-accel tcg -m 1G -smp 1 -nographic -no-reboot", \
	      "console=ttyS0 panic=-1 quiet loglevel=3", "x86_64", true, 'l'

static const struct kernel kernels[] = {
	{ "5.10", "bullseye", "amd64", "^linux-image-5\\.10\\.0-[0-9]+-amd64-unsigned$", AMD64 },
	{ "6.1", "bookworm", "amd64", "^linux-image-6\\.1\\.0-[0-9]+-amd64-unsigned$", AMD64 },
	{ "6.12", "trixie", "amd64", "^linux-image-6\\.12\\.[0-9.]+\\+deb13-amd64-unsigned$", AMD64 },
	/* Big-endian, with kernel BTF (Debian 12's s390x kernel has none); no JIT: the interpreter. */
	{ "s390x", "trixie", "s390x", "^linux-image-6\\.12\\.[0-9.]+\\+deb13-s390x$", "qemu-system-s390x",
	  "-machine s390-ccw-virtio -accel tcg -m 1G -smp 1 -nographic -no-reboot -nodefaults -serial none "
	  "-device sclpconsole,chardev=con -chardev stdio,id=con",
	  "console=ttysclp0 panic=-1 quiet", "s390x", false, 'b' },
};
#define KERNEL_COUNT (sizeof(kernels) / sizeof(kernels[0]))

struct object {
	const char *path;  /* as given */
	char name[256];    /* its file name, as results name it */
	char endian;       /* 'l' or 'b' */
};

struct run {
	char program[256]; /* program name, or "*" for every program */
	char hex[2100];    /* packet bytes in hex, "-" for none */
	char expected[64]; /* return value */
};

static char cache[1024];         /* ${XDG_CACHE_HOME:-~/.cache}/bpf-toolchain */
static char self_dir[1024];      /* where this binary is */

static void die(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));
static void die(const char *fmt, ...)
{
	va_list ap;

	fputs("bpf-vmtest: error: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(2);
}

/* Run a shell command built from FMT; returns its exit status (-1 if it could not run). */
static int shell(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static int shell(const char *fmt, ...)
{
	char cmd[8192];
	va_list ap;
	int status;

	va_start(ap, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	status = system(cmd);
	return status == -1 ? -1 : WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static bool exists(const char *path)
{
	return access(path, F_OK) == 0;
}

/* Paths end up inside single quotes of shell commands. */
static void check_quotable(const char *path)
{
	if (strchr(path, '\''))
		die("%s: paths with a single quote are not supported", path);
}

static const struct kernel *find_kernel(const char *name)
{
	for (size_t i = 0; i < KERNEL_COUNT; i++)
		if (!strcmp(kernels[i].name, name))
			return &kernels[i];
	return NULL;
}

static void kernel_dir(const struct kernel *k, char *out, size_t size)
{
	snprintf(out, size, "%s/kernels/%s", cache, k->name);
}

/* The Debian mirror of the machine's own apt sources (deb822 or one-line format). */
static bool find_mirror(char *out, size_t size)
{
	FILE *f = popen("cat /etc/apt/sources.list.d/*.sources /etc/apt/sources.list 2>/dev/null", "r");
	char line[1024];
	bool found = false;

	if (!f)
		return false;
	while (!found && fgets(line, sizeof(line), f)) {
		char uri[512];

		if (sscanf(line, "URIs: %511s", uri) == 1 || sscanf(line, "deb %511s", uri) == 1 ||
		    sscanf(line, "deb [%*[^]]] %511s", uri) == 1) {
			size_t n = strlen(uri);

			while (n && uri[n - 1] == '/')
				uri[--n] = '\0';
			if (n > 7 && !strcmp(uri + n - 7, "/debian")) {
				snprintf(out, size, "%s", uri);
				found = true;
			}
		}
	}
	pclose(f);
	return found;
}

/* The file of K's unpacked package whose name in ./boot starts with PREFIX ("vmlinuz-"). */
static bool boot_file(const char *dir, const char *prefix, char *out, size_t size)
{
	char pattern[1400];
	glob_t found;
	bool ok;

	snprintf(pattern, sizeof(pattern), "%s/pkg/boot/%s*", dir, prefix);
	ok = !glob(pattern, 0, NULL, &found) && found.gl_pathc &&
	     (size_t)snprintf(out, size, "%s", found.gl_pathv[0]) < size;
	globfree(&found);
	return ok;
}

/* The whole of PATH in memory (freed by the caller); NULL when it cannot be read. */
static unsigned char *read_file(const char *path, size_t *size)
{
	FILE *f = fopen(path, "rb");
	unsigned char *data = NULL;
	long n;

	if (!f)
		return NULL;
	if (!fseek(f, 0, SEEK_END) && (n = ftell(f)) >= 0 && !fseek(f, 0, SEEK_SET)) {
		data = malloc(n ? (size_t)n : 1);
		if (data && fread(data, 1, (size_t)n, f) != (size_t)n) {
			free(data);
			data = NULL;
		}
		*size = (size_t)n;
	}
	fclose(f);
	return data;
}

/* Decompress the kernel image inside a bzImage to an ELF vmlinux, which qemu boots through its
 * PVH note (the decompressor is slow under TCG). */
static int extract_vmlinux(const char *vmlinuz, const char *vmlinux)
{
	static const struct {
		const char *magic;
		size_t len;
		const char *tool;
	} formats[] = {
		{ "\x28\xb5\x2f\xfd", 4, "zstd -dcq" },
		{ "\xfd" "7zXZ\0", 6, "xz -dcq" },
		{ "\x1f\x8b\x08", 3, "gzip -dcq" },
	};
	size_t size = 0;
	unsigned char *data = read_file(vmlinuz, &size);

	if (!data)
		return -1;
	for (size_t k = 0; k < sizeof(formats) / sizeof(formats[0]); k++)
		for (size_t at = 0; at + formats[k].len <= size; at++) {
			char magic[4];
			FILE *out;

			if (memcmp(data + at, formats[k].magic, formats[k].len))
				continue;
			if (shell("tail -c +%zu '%s' | %s > '%s' 2>/dev/null", at + 1, vmlinuz,
				  formats[k].tool, vmlinux) > 1)
				continue;
			out = fopen(vmlinux, "rb");
			if (out && fread(magic, 1, 4, out) == 4 && !memcmp(magic, "\x7f" "ELF", 4)) {
				fclose(out);
				free(data);
				return 0;
			}
			if (out)
				fclose(out);
		}
	free(data);
	return -1;
}

/* Fetch K's newest image package that downloads, keep its vmlinux. 0, or -1 after reporting. */
static int prepare_kernel(const struct kernel *k)
{
	char dir[1280], apt[1400], mirror[512], opts[8192], vmlinux[1400];
	FILE *f;

	kernel_dir(k, dir, sizeof(dir));
	snprintf(vmlinux, sizeof(vmlinux), "%s/vmlinux", dir);
	if (exists(vmlinux))
		return 0;
	if (!find_mirror(mirror, sizeof(mirror))) {
		fprintf(stderr, "bpf-vmtest: error: kernel %s: no Debian mirror in this machine's apt sources\n",
			k->name);
		return -1;
	}
	snprintf(apt, sizeof(apt), "%s/apt/%s-%s", cache, k->suite, k->arch);
	if (shell("mkdir -p '%s/lists/partial' '%s/cache/archives/partial' '%s' && : > '%s/status'",
		  apt, apt, dir, apt)) {
		fprintf(stderr, "bpf-vmtest: error: cannot create %s\n", apt);
		return -1;
	}
	snprintf(opts, sizeof(opts),
		 "-o Dir::Etc::SourceList='%s/sources.list' -o Dir::Etc::SourceParts=/dev/null "
		 "-o Dir::State::Lists='%s/lists' -o Dir::Cache='%s/cache' -o Dir::State::status='%s/status' "
		 "-o APT::Architecture=%s -o APT::Architectures=%s -o Debug::NoLocking=1 -qq",
		 apt, apt, apt, apt, k->arch, k->arch);
	{
		char list[1500];

		snprintf(list, sizeof(list), "%s/sources.list", apt);
		f = fopen(list, "w");
		if (!f)
			return -1;
		fprintf(f, "deb [arch=%s signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] %s %s main\n",
			k->arch, mirror, k->suite);
		fclose(f);
	}
	fprintf(stderr, "bpf-vmtest: kernel %s: reading Debian %s's package list from %s\n", k->name,
		k->suite, mirror);
	if (shell("apt-get %s update > '%s/update.log' 2>&1", opts, dir)) {
		fprintf(stderr, "bpf-vmtest: error: kernel %s: apt-get update failed (no network?): see %s/update.log\n",
			k->name, dir);
		return -1;
	}
	/* The newest first; a version in the list may not be on the mirror yet. */
	if (shell("cd '%s' && rm -f ./*.deb && for p in $(apt-cache %s pkgnames linux-image- | grep -E '%s' | "
		  "sort -rV); do apt-get %s download \"$p\" > download.log 2>&1 && echo \"$p\" > package && "
		  "exit 0; done; exit 1", dir, opts, k->package, opts)) {
		fprintf(stderr, "bpf-vmtest: error: kernel %s: no package matching %s could be downloaded\n",
			k->name, k->package);
		return -1;
	}
	if (shell("cd '%s' && rm -rf pkg && mkdir pkg && dpkg-deb --fsys-tarfile ./*.deb | tar -x -C pkg ./boot "
		  "&& rm -f ./*.deb", dir)) {
		fprintf(stderr, "bpf-vmtest: error: kernel %s: cannot unpack the package\n", k->name);
		return -1;
	}
	{
		char vmlinuz[1500], tmp[1500];

		if (!boot_file(dir, "vmlinuz-", vmlinuz, sizeof(vmlinuz))) {
			fprintf(stderr, "bpf-vmtest: error: kernel %s: the package has no vmlinuz\n", k->name);
			return -1;
		}
		snprintf(tmp, sizeof(tmp), "%s/vmlinux.tmp", dir);
		if ((k->elf_vmlinux ? extract_vmlinux(vmlinuz, tmp) : shell("cp '%s' '%s'", vmlinuz, tmp)) ||
		    rename(tmp, vmlinux)) {
			fprintf(stderr, "bpf-vmtest: error: kernel %s: cannot decompress %s\n", k->name, vmlinuz);
			return -1;
		}
	}
	return 0;
}

/* The ELF header says BPF and a byte order; anything else is refused by name. */
static void read_object(const char *path, struct object *o)
{
	unsigned char h[20];
	FILE *f = fopen(path, "rb");
	const char *base = strrchr(path, '/');
	unsigned machine;

	if (!f)
		die("%s: cannot open: %s", path, strerror(errno));
	if (fread(h, 1, sizeof(h), f) != sizeof(h) || memcmp(h, "\x7f" "ELF", 4) || h[4] != 2 ||
	    (h[5] != 1 && h[5] != 2)) {
		fclose(f);
		die("%s: not a 64-bit ELF object", path);
	}
	fclose(f);
	machine = h[5] == 1 ? (unsigned)(h[18] | h[19] << 8) : (unsigned)(h[19] | h[18] << 8);
	if (machine != 247)
		die("%s: not a BPF object (ELF machine %u)", path, machine);
	check_quotable(path);
	o->path = path;
	o->endian = h[5] == 1 ? 'l' : 'b';
	snprintf(o->name, sizeof(o->name), "%s", base ? base + 1 : path);
	for (char *c = o->name; *c; c++)
		if (*c == ' ')
			*c = '_';
}

/* newc cpio: the guest's /init, the spec and the objects. */
static void cpio_entry(FILE *out, const char *name, unsigned mode, const void *data, size_t size)
{
	static const char zeros[4];
	size_t name_len = strlen(name) + 1;

	fprintf(out, "070701%08X%08X%08X%08X%08X%08X%08zX%08X%08X%08X%08X%08zX%08X", 0u, mode, 0u, 0u, 1u,
		0u, size, 0u, 0u, 0u, 0u, name_len, 0u);
	fwrite(name, 1, name_len, out);
	fwrite(zeros, 1, (4 - (110 + name_len) % 4) % 4, out);
	if (size)
		fwrite(data, 1, size, out);
	fwrite(zeros, 1, (4 - size % 4) % 4, out);
}

static int cpio_file(FILE *out, const char *name, unsigned mode, const char *path)
{
	size_t size = 0;
	unsigned char *data = read_file(path, &size);

	if (!data)
		return -1;
	cpio_entry(out, name, mode, data, size);
	free(data);
	return 0;
}

static void find_guest(const char *arch, char *out, size_t size)
{
	const char *env = getenv("BPF_VMTEST_GUEST");

	if (env) {
		snprintf(out, size, "%s", env);
		return;
	}
	snprintf(out, size, "%s/bpf-vmtest-guest-%s", self_dir, arch);
	if (!exists(out))
		snprintf(out, size, "%s/../lib/bpf-vmtest/guest-%s", self_dir, arch);
}

struct tally {
	unsigned passed; /* loads and runs that went as expected */
	unsigned failed; /* the others */
};

/* Boot K with OBJECTS; print a line per result and count them. */
static void test_kernel(const struct kernel *k, const struct object *objects, size_t object_count,
			const struct run *runs, size_t run_count, struct tally *t)
{
	char dir[1280], guest[1200], initrd[1400], cmd[8192], line[8192];
	char *spec_text = NULL;
	size_t spec_len = 0;
	FILE *spec = open_memstream(&spec_text, &spec_len);
	bool done = false;
	FILE *out, *qemu;

	if (!spec)
		die("out of memory");
	kernel_dir(k, dir, sizeof(dir));
	find_guest(k->guest, guest, sizeof(guest));
	if (!exists(guest))
		die("the guest loader is missing (%s): reinstall the toolchain", guest);
	snprintf(initrd, sizeof(initrd), "%s/initrd.%d", dir, (int)getpid());
	out = fopen(initrd, "wb");
	if (!out)
		die("%s: cannot write: %s", initrd, strerror(errno));
	cpio_entry(out, "proc", 040755, NULL, 0);
	cpio_entry(out, "sys", 040755, NULL, 0);
	cpio_entry(out, "dev", 040755, NULL, 0);
	cpio_entry(out, "objects", 040755, NULL, 0);
	cpio_entry(out, "boot", 040755, NULL, 0);
	/* The kernel's config where libbpf looks for it (/boot/config-RELEASE), for __kconfig externs. */
	{
		char config[1500], name[1600];

		if (boot_file(dir, "config-", config, sizeof(config))) {
			snprintf(name, sizeof(name), "boot/%s", strrchr(config, '/') + 1);
			if (cpio_file(out, name, 0100644, config))
				die("%s: cannot read", config);
		}
	}
	if (cpio_file(out, "init", 0100755, guest))
		die("%s: cannot read the guest loader", guest);
	for (size_t i = 0; i < object_count; i++) {
		char name[64];

		snprintf(name, sizeof(name), "objects/%zu.o", i);
		if (cpio_file(out, name, 0100644, objects[i].path))
			die("%s: cannot read", objects[i].path);
		fprintf(spec, "object /%s %s\n", name, objects[i].name);
	}
	for (size_t r = 0; r < run_count; r++)
		for (size_t i = 0; i < object_count; i++)
			fprintf(spec, "run %s %s %s %s\n", objects[i].name, runs[r].program, runs[r].hex,
				runs[r].expected);
	if (fclose(spec))
		die("out of memory");
	cpio_entry(out, "spec", 0100644, spec_text, spec_len);
	free(spec_text);
	cpio_entry(out, "TRAILER!!!", 0, NULL, 0);
	if (fclose(out))
		die("%s: cannot write", initrd);
	/* A wedged guest is killed: every program gets its load and run, then the guest powers off. */
	snprintf(cmd, sizeof(cmd), "timeout %u %s %s -kernel '%s/vmlinux' -initrd '%s' -append '%s' < /dev/null 2>&1",
		 60 + 10 * (unsigned)object_count, k->qemu, k->machine, dir, initrd, k->console);
	qemu = popen(cmd, "r");
	if (!qemu)
		die("cannot run %s", k->qemu);
	while (fgets(line, sizeof(line), qemu)) {
		char *v = strstr(line, "vmtest: ");
		char obj[256], prog[256], rest[8000];
		unsigned xlated, got;
		char btf[8], expected[64], verdict[16];

		if (!v)
			continue;
		v += 8;
		v[strcspn(v, "\r\n")] = '\0';
		if (!strncmp(v, "kernel ", 7)) {
			printf("%-5s %s\n", k->name, v);
		} else if (sscanf(v, "load %255s %255s ok xlated %u btf %7s", obj, prog, &xlated, btf) == 4) {
			printf("%-5s %s %s: loaded, %u instructions, %s\n", k->name, obj, prog, xlated,
			       strcmp(btf, "yes") ? "without BTF" : "BTF accepted");
			t->passed++;
		} else if (sscanf(v, "load %255s %255s refused %7999[^\n]", obj, prog, rest) == 3) {
			printf("%-5s %s %s: refused: %s\n", k->name, obj, prog, rest);
			t->failed++;
		} else if (sscanf(v, "run %255s %255s got %u expected %63s %15s", obj, prog, &got, expected,
				  verdict) == 5) {
			bool ok = !strcmp(verdict, "ok");

			printf("%-5s %s %s: run returned %u, expected %s%s\n", k->name, obj, prog, got, expected,
			       ok ? "" : ": FAILED");
			ok ? t->passed++ : t->failed++;
		} else if (sscanf(v, "run %255s %255s error %7999[^\n]", obj, prog, rest) == 3) {
			printf("%-5s %s %s: run failed: %s\n", k->name, obj, prog, rest);
			t->failed++;
		} else if (!strcmp(v, "done")) {
			done = true;
		}
	}
	pclose(qemu);
	unlink(initrd);
	if (!done) {
		printf("%-5s the guest did not finish (qemu missing, a crash or the time limit)\n", k->name);
		t->failed++;
	}
}

static void parse_run(const char *arg, struct run *r)
{
	const char *colon = strchr(arg, ':'), *last = strrchr(arg, ':');

	if (!colon || colon == last || colon == arg || (size_t)(colon - arg) >= sizeof(r->program) ||
	    (size_t)(last - colon - 1) >= sizeof(r->hex) || !last[1] || strlen(last + 1) >= sizeof(r->expected))
		die("--run %s: expected PROG:HEX:EXPECTED", arg);
	snprintf(r->program, sizeof(r->program), "%.*s", (int)(colon - arg), arg);
	snprintf(r->hex, sizeof(r->hex), "%.*s", (int)(last - colon - 1), colon + 1);
	if (!r->hex[0])
		snprintf(r->hex, sizeof(r->hex), "-");
	for (const char *c = r->hex; *c && strcmp(r->hex, "-"); c++)
		if (!strchr("0123456789abcdefABCDEF", *c))
			die("--run %s: the packet is not hex", arg);
	if (strspn(r->hex, "-") == 0 && strlen(r->hex) % 2)
		die("--run %s: the packet has an odd number of hex digits", arg);
	snprintf(r->expected, sizeof(r->expected), "%s", last + 1);
	if (strspn(r->expected, "0123456789") != strlen(r->expected))
		die("--run %s: EXPECTED is not a number", arg);
}

static void usage(void)
{
	puts("Usage: bpf-vmtest --list\n"
	     "       bpf-vmtest --prepare [KERNEL...]\n"
	     "       bpf-vmtest [--kernel NAME]... [--run PROG:HEX:EXPECTED]... OBJECT...\n"
	     "Loads every program of each OBJECT into Debian kernels under qemu (TCG) and runs PROG on\n"
	     "the packet HEX (zero-padded to 64 bytes; empty for none; PROG * for every program).\n"
	     "Without --kernel: every kernel of the objects' byte order. Kernels are fetched on first\n"
	     "use into ${XDG_CACHE_HOME:-~/.cache}/bpf-toolchain. Ends with 'N passed, M failed'.");
}

int main(int argc, char **argv)
{
	static struct object objects[MAX_OBJECTS];
	static struct run runs[MAX_RUNS];
	const struct kernel *chosen[MAX_KERNELS];
	size_t object_count = 0, run_count = 0, kernel_count = 0;
	bool list = false, prepare = false;
	const char *xdg = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");
	struct tally t = { 0, 0 };
	ssize_t n;

	if ((size_t)snprintf(cache, sizeof(cache), xdg && *xdg ? "%s/bpf-toolchain" : "%s/.cache/bpf-toolchain",
			     xdg && *xdg ? xdg : home && *home ? home : "/tmp") >= sizeof(cache))
		die("the cache directory's path is too long");
	check_quotable(cache);
	n = readlink("/proc/self/exe", self_dir, sizeof(self_dir) - 1);
	self_dir[n > 0 ? n : 0] = '\0';
	if (strrchr(self_dir, '/'))
		*strrchr(self_dir, '/') = '\0';
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			usage();
			return 0;
		} else if (!strcmp(a, "--list")) {
			list = true;
		} else if (!strcmp(a, "--prepare")) {
			prepare = true;
		} else if (!strcmp(a, "--kernel") || !strcmp(a, "--run")) {
			if (i + 1 >= argc)
				die("%s needs a value", a);
			if (!strcmp(a, "--run")) {
				if (run_count == MAX_RUNS)
					die("too many --run");
				parse_run(argv[++i], &runs[run_count++]);
			} else {
				const struct kernel *k = find_kernel(argv[++i]);

				if (!k)
					die("unknown kernel '%s' (bpf-vmtest --list names them)", argv[i]);
				if (kernel_count == MAX_KERNELS)
					die("too many --kernel");
				chosen[kernel_count++] = k;
			}
		} else if (a[0] == '-' && a[1]) {
			die("unknown option '%s'", a);
		} else if (prepare) {
			const struct kernel *k = find_kernel(a);

			if (!k)
				die("unknown kernel '%s' (bpf-vmtest --list names them)", a);
			if (kernel_count == MAX_KERNELS)
				die("too many kernels");
			chosen[kernel_count++] = k;
		} else {
			if (object_count == MAX_OBJECTS)
				die("too many objects");
			read_object(a, &objects[object_count++]);
		}
	}
	if (list) {
		for (size_t i = 0; i < KERNEL_COUNT; i++) {
			char dir[1280], vmlinux[1400], package[256] = "", path[1400];
			FILE *f;

			kernel_dir(&kernels[i], dir, sizeof(dir));
			snprintf(vmlinux, sizeof(vmlinux), "%s/vmlinux", dir);
			snprintf(path, sizeof(path), "%s/package", dir);
			f = fopen(path, "r");
			if (f && fgets(package, sizeof(package), f))
				package[strcspn(package, "\n")] = '\0';
			if (f)
				fclose(f);
			printf("%-5s  Debian %-8s  %s  %s  %s\n", kernels[i].name, kernels[i].suite, kernels[i].arch,
			       kernels[i].endian == 'b' ? "big-endian" : "little-endian",
			       exists(vmlinux) ? package : "not cached");
		}
		return 0;
	}
	if (prepare) {
		int failed = 0;

		for (size_t i = 0; i < (kernel_count ? kernel_count : KERNEL_COUNT); i++)
			failed |= prepare_kernel(kernel_count ? chosen[i] : &kernels[i]) != 0;
		return failed ? 1 : 0;
	}
	if (!object_count) {
		usage();
		return 2;
	}
	/* The guest keeps GUEST_MAX_RUNS run lines: more would be dropped without a word. */
	if (run_count * object_count > GUEST_MAX_RUNS)
		die("%zu --run for %zu objects: at most %d runs a boot (test the objects apart)", run_count,
		    object_count, GUEST_MAX_RUNS);
	for (size_t i = 1; i < object_count; i++)
		if (objects[i].endian != objects[0].endian)
			die("%s and %s differ in byte order: test them apart", objects[0].path, objects[i].path);
	if (!kernel_count)
		for (size_t i = 0; i < KERNEL_COUNT; i++)
			if (kernels[i].endian == objects[0].endian)
				chosen[kernel_count++] = &kernels[i];
	if (!kernel_count)
		die("%s: no %s kernel is available yet", objects[0].path,
		    objects[0].endian == 'b' ? "big-endian" : "little-endian");
	for (size_t i = 0; i < kernel_count; i++)
		if (chosen[i]->endian != objects[0].endian)
			die("%s: a %s object cannot load into kernel %s (%s)", objects[0].path,
			    objects[0].endian == 'b' ? "big-endian" : "little-endian", chosen[i]->name,
			    chosen[i]->endian == 'b' ? "big-endian" : "little-endian");
	for (size_t i = 0; i < kernel_count; i++)
		if (shell("command -v %s > /dev/null", chosen[i]->qemu))
			die("%s is not installed (apt-get install %s)", chosen[i]->qemu,
			    chosen[i]->endian == 'b' ? "qemu-system-misc" : "qemu-system-x86");
	for (size_t i = 0; i < kernel_count; i++) {
		if (prepare_kernel(chosen[i]))
			return 1;
		test_kernel(chosen[i], objects, object_count, runs, run_count, &t);
	}
	printf("%u passed, %u failed\n", t.passed, t.failed);
	return t.failed ? 1 : 0;
}
