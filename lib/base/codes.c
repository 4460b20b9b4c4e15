/*
 * codes.c: the DfE code lists (sen2-return.md section 1.3) and the UPN
 * check letter: data with no store behind it, below everything that
 * checks a code.
 */
#include "internal.h"

#include <ctype.h>
#include <string.h>

/* Code lists (sen2-return.md section 1.3), as space-separated words. */
const char ehc__sen2_sen_types[] =
    "SPLD MLD SLD PMLD SEMH SLCN HI VI MSI PD ASD DS OTH";
const char ehc__sen2_settings_named[] = "OLA OPA EHE EYP OTH";
const char ehc__sen2_settings_attended[] =
    "OLA OPA EHE EYP OTH NEET NIEC NIEO";
const char ehc__sen2_res[] = "A B";
const char ehc__sen2_wbp[] = "A T S";
/* Why a child has no UPN (SEN2 UPNunknown). */
const char ehc__sen2_upn_unknown[] = "UN1 UN2 UN3 UN5 UN8 UN9 UN10";
const char ehc__sen2_ethnicities[] =
    "WBRI WCOR WENG WNIR WSCO WWEL WOWB WIRI WIRT WROM WROG WROR WROO "
    "WOTH WALB WBOS WCRO WGRE WGRK WGRC WITA WKOS WPOR WSER WTUR WTUK "
    "WTUC WEUR WEEU WWEU WOTW MWBC MWBA MWAS MWAP MWAI MWAO MOTH MAOE "
    "MABL MACH MBOE MBCH MCOE MWOE MWCH MOTM AIND APKN AMPK AKPA AOPK "
    "ABAN AOTH AAFR AKAO ANEP ASNL ASLT ASRO AOTA ABRI AWEL BCRB BAFR "
    "BANN BCON BGHA BNGN BSLN BSOM BSUD BAOF BOTH BEUR BNAM BOTB BBRI "
    "BWEL CHNE CHKC CMAL CSNG CTWN COCH OOTH OAFG ORAB OARA OEGY OFIL "
    "OIRN OIRQ OJPN OKOR OKRD OLAM OLEB OLIB OMAL OMRC OPOL OTHA OVIE "
    "OYEM OOEG REFU NOBT";

/* Whether s is one of the words of list (exact, case-sensitive). */
int
ehc__sen2_code(const char *list, const char *s)
{
	size_t n = strlen(s);
	const char *p;

	if (n == 0 || strchr(s, ' ') != NULL)
		return 0;
	for (p = list; (p = strstr(p, s)) != NULL; p += n)
		if ((p == list || p[-1] == ' ') && (p[n] == '\0' ||
		    p[n] == ' '))
			return 1;
	return 0;
}

int
ehc_upn_valid(const char *upn)
{
	static const char letters[] = "ABCDEFGHJKLMNPQRTUVWXYZ";
	int i, sum = 0;

	if (upn == NULL || strlen(upn) != 13)
		return 0;
	for (i = 1; i < 12; i++)
		if (!isdigit((unsigned char)upn[i]))
			return 0;
	/* The last character is a digit, or a letter in a temporary UPN. */
	if (!isdigit((unsigned char)upn[12]) &&
	    strchr(letters, upn[12]) == NULL)
		return 0;
	for (i = 1; i < 13; i++) {
		int v;

		if (isdigit((unsigned char)upn[i]))
			v = upn[i] - '0';
		else
			v = (int)(strchr(letters, upn[i]) - letters);
		sum += v * (i + 1);
	}
	return upn[0] == letters[sum % 23];
}
