/*
 * sen2_spec.c: the SEN2 person-level return described once, as data:
 * its tables (the nine of the CSV folder and the workbook, the blocks of
 * the XML message), their items, the DfE code lists with the years each
 * is valid, and for each return year from 2024 the order of the XML
 * elements and the validation rules with their severity.  The export,
 * the import and the checks all read it; next year's changes are an
 * edit here.  Sources: docs/sen2-return.md sections 1.2, 1.3, 1.5 and
 * 1.6 (which wins where they disagree).
 */
#include "internal.h"

#include <ctype.h>
#include <string.h>

/* ---- Code lists --------------------------------------------------------- */

/*
 * Each list as space-separated codes with the first and last return
 * year it is valid for (0: still valid).  A list that changes has a row
 * for each version.
 */
static const struct ehc__sen2_list {
	const char	*name;
	int		 from, to;
	const char	*codes;
} lists[] = {
	{ "YNR", 2024, 0, "Y N R" },
	{ "Flag", 2024, 0, "0 1" },
	{ "Sex", 2024, 0, "M F" },
	{ "Ethnicity", 2024, 0,
	    "WBRI WCOR WENG WNIR WSCO WWEL WOWB WIRI WIRT WROM WROG WROR WROO "
	    "WOTH WALB WBOS WCRO WGRE WGRK WGRC WITA WKOS WPOR WSER WTUR WTUK "
	    "WTUC WEUR WEEU WWEU WOTW MWBC MWBA MWAS MWAP MWAI MWAO MOTH MAOE "
	    "MABL MACH MBOE MBCH MCOE MWOE MWCH MOTM AIND APKN AMPK AKPA AOPK "
	    "ABAN AOTH AAFR AKAO ANEP ASNL ASLT ASRO AOTA ABRI AWEL BCRB BAFR "
	    "BANN BCON BGHA BNGN BSLN BSOM BSUD BAOF BOTH BEUR BNAM BOTB BBRI "
	    "BWEL CHNE CHKC CMAL CSNG CTWN COCH OOTH OAFG ORAB OARA OEGY OFIL "
	    "OIRN OIRQ OJPN OKOR OKRD OLAM OLEB OLIB OMAL OMRC OPOL OTHA OVIE "
	    "OYEM OOEG REFU NOBT" },
	{ "UPNunknown", 2024, 0, "UN1 UN2 UN3 UN5 UN8 UN9 UN10" },
	/* Voluntary in 2025, compulsory from 2026 (section 1.2). */
	{ "RequestSource", 2025, 0, "1 2 3 4 5" },
	{ "RequestOutcome", 2024, 0, "Y N A W H" },
	{ "AssessmentOutcome", 2024, 0, "Y N A W H" },
	{ "Res", 2024, 0, "A B" },
	{ "WBP", 2024, 0, "A T S" },
	{ "DP", 2024, 0, "E S H I" },
	{ "CeaseReason", 2024, 0, "1 2 3 4 5 6 7 8 9" },
	{ "SENSettingNamed", 2024, 0, "OLA OPA EHE EYP OTH" },
	{ "SENSettingAttended", 2024, 0, "OLA OPA EHE EYP OTH NEET NIEC NIEO" },
	{ "PlacementRank", 2024, 0, "1 2" },
	{ "ReviewOutcome", 2024, 0, "M A C" },
	{ "SENtype", 2024, 0, "SPLD MLD SLD PMLD SEMH SLCN HI VI MSI PD ASD "
	    "DS OTH" },
	{ "SENtypeRank", 2024, 0, "1 2" },
};

#define NELEM(a) ((int)(sizeof(a) / sizeof((a)[0])))

const char *
ehc__sen2_list(const char *name, int year)
{
	int i, best = -1;

	for (i = 0; i < NELEM(lists); i++) {
		if (strcmp(lists[i].name, name) != 0)
			continue;
		if (year == 0) {
			if (lists[i].to == 0)
				return lists[i].codes;
			if (best < 0 || lists[i].to > lists[best].to)
				best = i;
		} else if (year >= lists[i].from && (lists[i].to == 0 ||
		    year <= lists[i].to))
			return lists[i].codes;
	}
	return best >= 0 ? lists[best].codes : NULL;
}

/* Whether s is one of the words of list (exact, case-sensitive). */
int
ehc__sen2_code(const char *list, const char *s)
{
	size_t n = strlen(s);
	const char *p;

	if (list == NULL || n == 0 || strchr(s, ' ') != NULL)
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

/* Whether s is "YYYY-MM-DDTHH:MM:SS": a real day and a time of day. */
int
ehc__sen2_datetime_ok(const char *s)
{
	char day[11];
	int32_t d;
	int i;

	if (s == NULL || strlen(s) != 19 || s[10] != 'T' || s[13] != ':' ||
	    s[16] != ':')
		return 0;
	for (i = 11; i < 19; i++)
		if (i != 13 && i != 16 && !isdigit((unsigned char)s[i]))
			return 0;
	memcpy(day, s, 10);
	day[10] = '\0';
	return ehc_date_parse(&d, day) == EHC_OK && strlen(day) == 10 &&
	    day[4] == '-' && (s[11] - '0') * 10 + s[12] - '0' < 24 &&
	    s[14] < '6' && s[17] < '6';
}

/* ---- Tables and items --------------------------------------------------- */

/*
 * The columns of each table, in the order of the CSV files and the
 * sheets (sen2-return.md section 4; the interface contract fixes it for
 * every year).  cell is how the workbook holds the value: s text (codes
 * with leading zeros stay text), d a date, n a number; list names the
 * code list; required is the first year every row carries the item; key
 * marks ehc's own identifiers, which have no XML element.
 */
#define KEY(n)		{ n, 'n', NULL, 0, 1 }
#define TXT(n)		{ n, 's', NULL, 0, 0 }
#define DAT(n)		{ n, 'd', NULL, 0, 0 }
#define NUM(n, l)	{ n, 'n', l, 0, 0 }
#define COD(n, l)	{ n, 's', l, 0, 0 }
#define REQ(n, c, l, y)	{ n, c, l, y, 0 }

static const struct ehc__sen2_item header_items[] = {
	REQ("Collection", 's', NULL, 2024), REQ("Year", 'n', NULL, 2024),
	REQ("ReferenceDate", 'd', NULL, 2024),
	REQ("SourceLevel", 's', NULL, 2024), REQ("LEA", 's', NULL, 2024),
	REQ("SoftwareCode", 's', NULL, 2024), REQ("Release", 's', NULL, 2024),
	REQ("SerialNo", 's', NULL, 2024), REQ("DateTime", 's', NULL, 2024),
	REQ("DMO", 's', "YNR", 2024), REQ("DCO", 's', "YNR", 2024),
	REQ("DSCO", 's', "YNR", 2026),
};
static const struct ehc__sen2_item person_items[] = {
	KEY("PersonID"), REQ("Surname", 's', NULL, 2024),
	REQ("Forename", 's', NULL, 2024),
	REQ("PersonBirthDate", 'd', NULL, 2024),
	REQ("Sex", 's', "Sex", 2024), REQ("Ethnicity", 's', "Ethnicity", 2024),
	TXT("PostCode"), TXT("UPN"), TXT("UniqueLearnerNumber"),
	COD("UPNunknown", "UPNunknown"),
};
static const struct ehc__sen2_item requests_items[] = {
	KEY("PersonID"), KEY("RequestsID"), DAT("ReceivedDate"),
	NUM("RequestSource", "RequestSource"), NUM("RYA", "Flag"),
	DAT("RequestOutcomeDate"),
	REQ("RequestOutcome", 's', "RequestOutcome", 2024),
	NUM("RequestMediation", "Flag"), NUM("RequestTribunal", "Flag"),
	TXT("Exported"),
};
static const struct ehc__sen2_item assessment_items[] = {
	KEY("PersonID"), KEY("RequestsID"),
	REQ("AssessmentOutcome", 's', "AssessmentOutcome", 2024),
	DAT("AssessmentOutcomeDate"), NUM("AssessmentMediation", "Flag"),
	NUM("AssessmentTribunal", "Flag"), NUM("OtherMediation", "Flag"),
	NUM("OtherTribunal", "Flag"), NUM("Week20", "Flag"),
};
static const struct ehc__sen2_item namedplan_items[] = {
	KEY("PersonID"), KEY("RequestsID"), REQ("StartDate", 'd', NULL, 2024),
	COD("PlanRes", "Res"), COD("PlanWBP", "WBP"),
	REQ("PB", 'n', "Flag", 2024), NUM("OA", "Flag"), COD("DP", "DP"),
	DAT("CeaseDate"), NUM("CeaseReason", "CeaseReason"),
};
static const struct ehc__sen2_item plandetail_items[] = {
	KEY("PersonID"), KEY("RequestsID"), KEY("PlanDetailSeq"), TXT("URN"),
	TXT("UKPRN"), COD("SENSetting", "SENSettingNamed"),
	TXT("SENSettingOther"),
	REQ("PlacementRank", 'n', "PlacementRank", 2024),
	NUM("SENunitIndicator", "Flag"),
	NUM("ResourcedProvisionIndicator", "Flag"),
};
static const struct ehc__sen2_item activeplans_items[] = {
	KEY("PersonID"), KEY("RequestsID"), TXT("TransferLA"),
	DAT("ReviewMeeting"), DAT("LastReview"),
	COD("ReviewOutcome", "ReviewOutcome"), DAT("ReviewDraft"),
	DAT("PhaseTransferDueDate"), DAT("PhaseTransferFinalDate"),
};
static const struct ehc__sen2_item placement_items[] = {
	KEY("PersonID"), KEY("RequestsID"), KEY("PlacementDetailSeq"),
	TXT("URN"), TXT("UKPRN"), COD("SENSetting", "SENSettingAttended"),
	TXT("SENSettingOther"),
	REQ("PlacementRank", 'n', "PlacementRank", 2024),
	REQ("EntryDate", 'd', NULL, 2024), DAT("LeavingDate"),
	NUM("SENunitIndicator", "Flag"),
	NUM("ResourcedProvisionIndicator", "Flag"), COD("Res", "Res"),
	COD("WBP", "WBP"),
};
static const struct ehc__sen2_item senneed_items[] = {
	KEY("PersonID"), KEY("RequestsID"),
	REQ("SENtype", 's', "SENtype", 2024),
	REQ("SENtypeRank", 'n', "SENtypeRank", 2024),
};

const struct ehc__sen2_table ehc__sen2_tables[EHC__SEN2_NTABLES] = {
	{ "sen2_header", "Header", "Header", header_items,
	    NELEM(header_items) },
	{ "sen2_person", "Person", "Person", person_items,
	    NELEM(person_items) },
	{ "sen2_requests", "Requests", "Requests", requests_items,
	    NELEM(requests_items) },
	{ "sen2_assessment", "Assessments", "Assessment", assessment_items,
	    NELEM(assessment_items) },
	{ "sen2_namedplan", "Named Plan", "NamedPlan", namedplan_items,
	    NELEM(namedplan_items) },
	{ "sen2_plandetail", "Plan Detail", "PlanDetail", plandetail_items,
	    NELEM(plandetail_items) },
	{ "sen2_activeplans", "Active Plan", "ActivePlans", activeplans_items,
	    NELEM(activeplans_items) },
	{ "sen2_placementdetail", "Placement Detail", "PlacementDetail",
	    placement_items, NELEM(placement_items) },
	{ "sen2_senneed", "SEN Need", "SENneed", senneed_items,
	    NELEM(senneed_items) },
};

_Static_assert(NELEM(placement_items) <= EHC__SEN2_MAXCOLS &&
    NELEM(header_items) <= EHC__SEN2_MAXCOLS, "EHC__SEN2_MAXCOLS is too "
    "small");

int
ehc__sen2_table(const char *name)
{
	int t;

	for (t = 0; t < EHC__SEN2_NTABLES; t++)
		if (strcmp(ehc__sen2_tables[t].element, name) == 0)
			return t;
	return -1;
}

int
ehc__sen2_column(int table, const char *name)
{
	const struct ehc__sen2_table *t = &ehc__sen2_tables[table];
	int i;

	for (i = 0; i < t->nitems; i++)
		if (strcmp(t->items[i].name, name) == 0)
			return i;
	return -1;
}

/* ---- The XML message, year by year -------------------------------------- */

/*
 * The element order inside each block (section 1.2): an item by name,
 * "+Name" opens a grouping element and "-" closes it, "@Name" is where
 * the rows of the child block Name go.  An item a year does not list is
 * not part of that year's return: it is left blank in every form.
 */
static const char *const header_2024[] = {
	"+CollectionDetails", "Collection", "Year", "ReferenceDate", "-",
	"+Source", "SourceLevel", "LEA", "SoftwareCode", "Release", "SerialNo",
	"DateTime", "DMO", "DCO", "-", NULL
};
static const char *const header_2025[] = {
	"+CollectionDetails", "Collection", "Year", "ReferenceDate", "-",
	"+Source", "SourceLevel", "LEA", "SoftwareCode", "Release", "SerialNo",
	"DateTime", "DMO", "DCO", "DSCO", "-", NULL
};
static const char *const person_all[] = {
	"Surname", "Forename", "PersonBirthDate", "Sex", "Ethnicity",
	"PostCode", "UPN", "UniqueLearnerNumber", "UPNunknown", "@Requests",
	NULL
};
static const char *const requests_2024[] = {
	"ReceivedDate", "RYA", "RequestOutcomeDate", "RequestOutcome",
	"RequestMediation", "RequestTribunal", "Exported", "@Assessment",
	"@ActivePlans", NULL
};
static const char *const requests_2025[] = {
	"ReceivedDate", "RequestSource", "RYA", "RequestOutcomeDate",
	"RequestOutcome", "RequestMediation", "RequestTribunal", "Exported",
	"@Assessment", "@ActivePlans", NULL
};
static const char *const assessment_all[] = {
	"AssessmentOutcome", "AssessmentOutcomeDate", "AssessmentMediation",
	"AssessmentTribunal", "OtherMediation", "OtherTribunal", "Week20",
	"@NamedPlan", NULL
};
static const char *const namedplan_all[] = {
	"StartDate", "@PlanDetail", "PlanRes", "PlanWBP", "PB", "OA", "DP",
	"CeaseDate", "CeaseReason", NULL
};
static const char *const plandetail_all[] = {
	"URN", "UKPRN", "SENSetting", "SENSettingOther", "PlacementRank",
	"SENunitIndicator", "ResourcedProvisionIndicator", NULL
};
/* 2024 numbering: 5.4 ReviewMeeting, 5.5 ReviewOutcome, 5.6 LastReview. */
static const char *const activeplans_2024[] = {
	"TransferLA", "@PlacementDetail", "@SENneed", "ReviewMeeting",
	"ReviewOutcome", "LastReview", NULL
};
/* 2025: 5.4a-d, then the phase transfer (5.6a-b). */
static const char *const activeplans_2025[] = {
	"TransferLA", "@PlacementDetail", "@SENneed", "ReviewMeeting",
	"LastReview", "ReviewOutcome", "ReviewDraft", "PhaseTransferDueDate",
	"PhaseTransferFinalDate", NULL
};
/* 2026 moves LastReview to the end. */
static const char *const activeplans_2026[] = {
	"TransferLA", "@PlacementDetail", "@SENneed", "ReviewMeeting",
	"ReviewOutcome", "ReviewDraft", "PhaseTransferDueDate",
	"PhaseTransferFinalDate", "LastReview", NULL
};
static const char *const placement_all[] = {
	"URN", "UKPRN", "SENSetting", "SENSettingOther", "PlacementRank",
	"EntryDate", "LeavingDate", "SENunitIndicator",
	"ResourcedProvisionIndicator", "Res", "WBP", NULL
};
static const char *const senneed_all[] = { "SENtype", "SENtypeRank", NULL };

/* ---- Validation rules ---------------------------------------------------- */

/*
 * ehc's own rule ids (the DfE's rule list is not published in a form
 * ehc can read; section 1.5), each paraphrasing the guide, with the
 * severity COLLECT gives it: E an error (the return cannot be
 * authorised), Q a query (needs an explanation).  A year changes a
 * rule's severity, or turns it off (0), in its own list below.
 */
const struct ehc__sen2_rule ehc__sen2_rules[EHC__R_NRULES] = {
	[EHC__R_REQUIRED] = { "ehc-001", 'E',
	    "a mandatory item is missing" },
	[EHC__R_CODE] = { "ehc-002", 'E',
	    "a code is not in the year's code list" },
	[EHC__R_AFTER_CENSUS] = { "ehc-003", 'E',
	    "an event is dated after the census day" },
	[EHC__R_BEFORE_BIRTH] = { "ehc-004", 'E',
	    "an event is dated before the date of birth" },
	[EHC__R_HEADER] = { "ehc-005", 'E',
	    "LEA is a 3-digit LA number and SerialNo has 3 digits" },
	[EHC__R_UPN] = { "ehc-010", 'E',
	    "a UPN is 13 characters with a valid check letter" },
	[EHC__R_ULN] = { "ehc-011", 'E', "a ULN has 10 digits" },
	[EHC__R_NO_ID] = { "ehc-012", 'E',
	    "no UPN, ULN or UPNunknown reason" },
	[EHC__R_POSTCODE] = { "ehc-013", 'Q',
	    "the postcode does not look like a UK postcode" },
	[EHC__R_RECEIVED] = { "ehc-020", 'E',
	    "ReceivedDate and RYA are required unless RequestOutcome is H" },
	[EHC__R_SOURCE] = { "ehc-021", 'E',
	    "RequestSource is required unless RequestOutcome is H" },
	[EHC__R_SOURCE_OTHER] = { "ehc-022", 'Q',
	    "COLLECT queries high use of RequestSource 5 (other)" },
	[EHC__R_REQUEST_DATE] = { "ehc-023", 'E', "RequestOutcomeDate is "
	    "given for Y and N only, on or after ReceivedDate" },
	[EHC__R_REQUEST_ASSESS] = { "ehc-024", 'E', "RequestOutcome Y or H "
	    "leads to an assessment unless the child moved away" },
	[EHC__R_TRIBUNAL] = { "ehc-025", 'Q', "an appeal follows a decision "
	    "that can be appealed" },
	[EHC__R_EXPORTED] = { "ehc-026", 'E', "Exported is the new LA's "
	    "3-digit number and nothing further is reported" },
	[EHC__R_ASSESS_DATE] = { "ehc-030", 'E', "AssessmentOutcomeDate is "
	    "given for N, and for Y once the plan is issued, after the "
	    "request" },
	[EHC__R_ASSESS_PLAN] = { "ehc-031", 'E', "a plan issued (Y with its "
	    "date, or H) has a NamedPlan; A, W and N have none" },
	[EHC__R_WEEK20] = { "ehc-032", 'E',
	    "Week20 is required for a plan issued" },
	[EHC__R_CEASE] = { "ehc-040", 'E', "CeaseDate and CeaseReason go "
	    "together, on or after StartDate" },
	[EHC__R_CEASE_OTHER] = { "ehc-041", 'Q',
	    "COLLECT queries high use of CeaseReason 9 (other)" },
	[EHC__R_BUDGET] = { "ehc-042", 'E',
	    "OA and DP go with a personal budget (PB 1)" },
	[EHC__R_AGE] = { "ehc-043", 'E',
	    "the plan starts after the 25th birthday" },
	[EHC__R_PLANDETAIL] = { "ehc-044", 'E',
	    "a plan names at most two settings, ranked 1 and 2" },
	[EHC__R_SETTING] = { "ehc-050", 'E',
	    "exactly one of URN, UKPRN and SENSetting names a setting" },
	[EHC__R_URN] = { "ehc-051", 'E',
	    "a URN has up to 6 digits and a UKPRN 8" },
	[EHC__R_SETTING_OTHER] = { "ehc-052", 'Q',
	    "COLLECT queries the settings OTH and NIEO" },
	[EHC__R_UNIT_URN] = { "ehc-053", 'E',
	    "an SEN unit or resourced provision is in a school with a URN" },
	[EHC__R_UNIT_SAID] = { "ehc-054", 'Q', "a school placement says "
	    "whether it is in an SEN unit or resourced provision" },
	[EHC__R_REVIEW] = { "ehc-060", 'E', "ReviewOutcome and LastReview go "
	    "together, after ReviewMeeting" },
	[EHC__R_DRAFT] = { "ehc-061", 'E', "ReviewDraft follows a decision "
	    "to amend, after the meeting" },
	[EHC__R_TRANSFER_LATE] = { "ehc-062", 'Q', "the phase transfer's "
	    "amended plan was issued after its due date" },
	[EHC__R_NO_REVIEW] = { "ehc-063", 'Q',
	    "no review meeting in the 12 months before the census day" },
	[EHC__R_NO_PLACEMENT] = { "ehc-064", 'E',
	    "a plan in force has no PlacementDetail" },
	[EHC__R_LEAVING] = { "ehc-065", 'E',
	    "a placement ends before it starts" },
	[EHC__R_NO_PRIMARY] = { "ehc-066", 'Q',
	    "no primary placement (rank 1) at the census day" },
	[EHC__R_PRIMARY_NEED] = { "ehc-070", 'E',
	    "a plan in force has a primary need (SENtypeRank 1)" },
	[EHC__R_NEEDS] = { "ehc-071", 'E',
	    "at most one primary and one secondary need" },
	[EHC__R_TRANSFER_LA] = { "ehc-072", 'E',
	    "TransferLA is a 3-digit LA number" },
};

/* What a year changes from the rules above: a severity, or 0 for off. */
static const struct ehc__sen2_change changes_2024[] = {
	{ EHC__R_SOURCE, 0 }, { EHC__R_SOURCE_OTHER, 0 }, { -1, 0 }
};
/* RequestSource and DSCO are voluntary in 2025. */
static const struct ehc__sen2_change changes_2025[] = {
	{ EHC__R_SOURCE, 'Q' }, { -1, 0 }
};
static const struct ehc__sen2_change changes_none[] = { { -1, 0 } };

/* ---- The years ---------------------------------------------------------- */

static const struct ehc__sen2_year years[] = {
	{ 2024, 1, 18, { header_2024, person_all, requests_2024,
	    assessment_all, namedplan_all, plandetail_all, activeplans_2024,
	    placement_all, senneed_all }, changes_2024 },
	{ 2025, 1, 16, { header_2025, person_all, requests_2025,
	    assessment_all, namedplan_all, plandetail_all, activeplans_2025,
	    placement_all, senneed_all }, changes_2025 },
	{ 2026, 1, 15, { header_2025, person_all, requests_2025,
	    assessment_all, namedplan_all, plandetail_all, activeplans_2026,
	    placement_all, senneed_all }, changes_none },
	{ 2027, 1, 21, { header_2025, person_all, requests_2025,
	    assessment_all, namedplan_all, plandetail_all, activeplans_2026,
	    placement_all, senneed_all }, changes_none },
};

/* The published census days before the person-level tables (section 1.1). */
static const struct {
	int	year, month, day;
} older_census[] = { { 2022, 1, 20 }, { 2023, 1, 19 } };

const struct ehc__sen2_year *
ehc__sen2_year(int year)
{
	int i;

	/* A later year is made as the latest ehc knows until it knows it. */
	if (year > years[NELEM(years) - 1].year)
		return &years[NELEM(years) - 1];
	for (i = 0; i < NELEM(years); i++)
		if (years[i].year == year)
			return &years[i];
	return NULL;
}

int
ehc__sen2_first_year(void)
{
	return years[0].year;
}

int
ehc__sen2_last_year(void)
{
	return years[NELEM(years) - 1].year;
}

int32_t
ehc__sen2_census_day(int year)
{
	int i;

	for (i = 0; i < NELEM(years); i++)
		if (years[i].year == year)
			return ehc_date_from_ymd(year, years[i].census_month,
			    years[i].census_day);
	for (i = 0; i < NELEM(older_census); i++)
		if (older_census[i].year == year)
			return ehc_date_from_ymd(year, older_census[i].month,
			    older_census[i].day);
	return EHC_NO_DATE;
}

char
ehc__sen2_severity(const struct ehc__sen2_year *y, int rule)
{
	const struct ehc__sen2_change *c;

	for (c = y->changes; c->rule >= 0; c++)
		if (c->rule == rule)
			return c->severity;
	return ehc__sen2_rules[rule].severity;
}

int
ehc__sen2_in_year(const struct ehc__sen2_year *y, int table,
    const char *name)
{
	const char *const *p;
	int c = ehc__sen2_column(table, name);

	if (c < 0)
		return 0;
	if (ehc__sen2_tables[table].items[c].key)
		return 1;
	for (p = y->xml[table]; *p != NULL; p++)
		if (strcmp(*p, name) == 0)
			return 1;
	return 0;
}
