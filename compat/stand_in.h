/*
 * stand_in.h: a library opened with dlopen() the first time one of its
 * functions is called, each of those functions stood in for under its
 * own name and prototype, so that callers use the library exactly as
 * documented.  The file that includes this (one per library) first
 * defines STAND_IN_RETURNING, R(type, name, params, args, on failure)
 * for each function with a result, STAND_IN_VOID, V(name, params, args)
 * for the rest, and STAND_IN_SONAME, the library's soname; the
 * development name (the soname up to ".so") is tried after it.
 */
#include <dlfcn.h>
#include <stddef.h>
#include <string.h>

static struct {
#define R(type, name, params, args, fail)	type (*name) params;
#define V(name, params, args)			void (*name) params;
	STAND_IN_RETURNING
	STAND_IN_VOID
#undef R
#undef V
} fn;

static int loaded;	/* 0: not tried; 1: loaded; -1: failed */

/* Every symbol or none: a partial library would fail half-way through. */
static int
load(void)
{
	char dev[128], *so;
	void *h, *p;

	if (loaded != 0)
		return loaded > 0;
	loaded = -1;
	snprintf(dev, sizeof(dev), "%s", STAND_IN_SONAME);
	if ((so = strstr(dev, ".so")) != NULL)
		so[3] = '\0';
	if ((h = dlopen(STAND_IN_SONAME, RTLD_NOW | RTLD_LOCAL)) == NULL &&
	    (h = dlopen(dev, RTLD_NOW | RTLD_LOCAL)) == NULL)
		return 0;
	/* memcpy: ISO C has no cast from an object to a function pointer. */
#define R(type, name, params, args, fail)				\
	if ((p = dlsym(h, #name)) == NULL)				\
		return 0;						\
	memcpy(&fn.name, &p, sizeof(p));
#define V(name, params, args)	R(void, name, params, args, 0)
	STAND_IN_RETURNING
	STAND_IN_VOID
#undef R
#undef V
	loaded = 1;
	return 1;
}

#define R(type, name, params, args, fail)				\
type									\
name params								\
{									\
	return load() ? fn.name args : (fail);				\
}
#define V(name, params, args)						\
void									\
name params								\
{									\
	if (load())							\
		fn.name args;						\
}
STAND_IN_RETURNING
STAND_IN_VOID
#undef R
#undef V
