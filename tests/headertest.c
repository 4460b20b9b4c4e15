/*
 * headertest.c: the umbrella header compiles on its own as C99 with
 * -pedantic, and its version macros work.  tests/meson.build adds one
 * file for each of the other public headers, which includes only it.
 */
#include <ehc/ehc.h>

#if !EHC_CHECK_VERSION(0, 1, 0)
#error "EHC_CHECK_VERSION is wrong"
#endif

int
main(void)
{
	return ehc_strerror(EHC_OK)[0] == '\0';
}
