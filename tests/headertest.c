/*
 * headertest.c: the umbrella header compiles on its own as C99 with
 * -pedantic, its version macros work, and each input struct's _INIT
 * initialiser fills the struct and sets its version.  tests/meson.build
 * adds one file for each of the other public headers, which includes
 * only it.
 */
#include <ehc/ehc.h>

#if !EHC_CHECK_VERSION(0, 2, 0) || EHC_CHECK_VERSION(0, 2, 1) || \
    EHC_CHECK_VERSION(0, 3, 0) || EHC_CHECK_VERSION(1, 0, 0)
#error "EHC_CHECK_VERSION is wrong"
#endif

int
main(void)
{
	struct ehc_request_in request = EHC_REQUEST_IN_INIT;
	struct ehc_funding_in funding = EHC_FUNDING_IN_INIT;
	struct ehc_placement_in placement = EHC_PLACEMENT_IN_INIT;
	struct ehc_plan_item_in item = EHC_PLAN_ITEM_IN_INIT;
	struct ehc_transfer_in transfer = EHC_TRANSFER_IN_INIT;
	struct ehc_demo_options demo = EHC_DEMO_OPTIONS_INIT;

	if (request.version != EHC_REQUEST_IN_VERSION ||
	    request.received != EHC_NO_DATE ||
	    funding.version != EHC_FUNDING_IN_VERSION ||
	    funding.end != EHC_NO_DATE ||
	    placement.version != EHC_PLACEMENT_IN_VERSION ||
	    placement.rank != 1 || placement.leaving != EHC_NO_DATE ||
	    item.version != EHC_PLAN_ITEM_IN_VERSION ||
	    transfer.version != EHC_TRANSFER_IN_VERSION ||
	    transfer.reviewed != EHC_NO_DATE ||
	    demo.version != EHC_DEMO_OPTIONS_VERSION)
		return 1;
	return ehc_strerror(EHC_OK)[0] == '\0';
}
