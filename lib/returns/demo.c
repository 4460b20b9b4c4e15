/*
 * demo.c: a realistic synthetic caseload built through the public
 * workflow functions, following the figures of docs/sen2-return.md
 * section 2 (England 2024 and Northumberland).  The generator has its
 * own PRNG (splitmix64) and uses integer arithmetic only, so the store
 * depends on nothing but the seed, the number of cases and today.
 *
 * Requests are drawn first, sorted by the day they arrived (so that case
 * references follow the calendar), then each case is followed through
 * its life as far as today: decision to assess, advice, decision to
 * issue, draft and final plan, annual reviews, amendments, phase
 * transfers and the plan's end.  An event that would fall after today
 * is not recorded, which leaves the case where it would be today.
 */
#include "internal.h"

#include <ctype.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- Random numbers ---------------------------------------------------- */

struct rng {
	uint64_t	 s;
};

static uint64_t
rnext(struct rng *r)
{
	uint64_t z = (r->s += UINT64_C(0x9e3779b97f4a7c15));

	z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
	return z ^ (z >> 31);
}

/* A number from 0 to n - 1 (n > 0). */
static int
below(struct rng *r, int n)
{
	return (int)((rnext(r) >> 16) % (uint64_t)n);
}

/* A number from lo to hi inclusive. */
static int
range(struct rng *r, int lo, int hi)
{
	return hi <= lo ? lo : lo + below(r, hi - lo + 1);
}

/* True with probability pm per mille. */
static int
chance(struct rng *r, int pm)
{
	return below(r, 1000) < pm;
}

/* An index into weights[n], drawn in proportion to the weights. */
static int
pick(struct rng *r, const int *weights, int n)
{
	int i, total = 0, x;

	for (i = 0; i < n; i++)
		total += weights[i];
	x = below(r, total);
	for (i = 0; i < n - 1; i++) {
		if (x < weights[i])
			return i;
		x -= weights[i];
	}
	return n - 1;
}

#define NELEM(a) ((int)(sizeof(a) / sizeof((a)[0])))
#define PICK(r, w) pick((r), (w), NELEM(w))

/* ---- Built-in lists ----------------------------------------------------- */

static const char *const boys[] = {
	"Oliver", "Harry", "Jack", "George", "Noah", "Charlie", "Jacob",
	"Alfie", "Freddie", "Oscar", "Leo", "Logan", "Thomas", "Archie",
	"Joshua", "James", "William", "Ethan", "Lucas", "Mason", "Isaac",
	"Daniel", "Riley", "Max", "Dylan", "Callum", "Liam", "Jamie",
	"Kai", "Ryan", "Tyler", "Connor", "Aaron", "Lewis", "Reece",
	"Owen", "Finley", "Alex", "Sam", "Ben"
};

static const char *const girls[] = {
	"Olivia", "Amelia", "Isla", "Ava", "Emily", "Sophie", "Grace",
	"Mia", "Poppy", "Ella", "Lily", "Evie", "Isabella", "Ruby", "Freya",
	"Jessica", "Chloe", "Holly", "Millie", "Erin", "Lucy", "Megan",
	"Ellie", "Katie", "Abbie", "Hannah", "Leah", "Niamh", "Zara",
	"Amber"
};

static const char *const surnames[] = {
	"Robson", "Armstrong", "Charlton", "Milburn", "Elliott", "Bell",
	"Scott", "Hall", "Smith", "Brown", "Taylor", "Wilson", "Thompson",
	"Anderson", "Dodd", "Hedley", "Forster", "Ridley", "Nixon", "Young",
	"Davison", "Johnson", "Walker", "Wright", "Graham", "Henderson",
	"Stephenson", "Turnbull", "Laidler", "Liddle", "Purvis", "Storey",
	"Douglas", "Heron", "Rutherford", "Common", "Tait", "Pattinson",
	"Shotton", "Wake", "Ord", "Reed", "Dixon", "Hogg", "Lee", "Watson",
	"Clark", "Jackson", "White", "Harrison", "Moore", "Patel", "Khan",
	"Nowak", "Kowalski", "Ahmed", "Ali", "Murray", "Kerr", "Brady"
};

/*
 * Four areas of the county, each with its postcode districts, its
 * officers and its schools (URN ranges, made up).
 */
static const struct area {
	const char	*districts[5];
	const char	*officers[3];
} areas[] = {
	{ { "NE66", "NE65", "NE70", "NE71", "TD15" },
	  { "Hannah Storey", "Mark Tait", "Julie Ord" } },
	{ { "NE22", "NE23", "NE24", "NE24", "NE23" },
	  { "Claire Dodd", "Steven Heron", "Priya Shah" } },
	{ { "NE61", "NE62", "NE63", "NE64", "NE63" },
	  { "Gary Laidler", "Rachel Purvis", "Lisa Common" } },
	{ { "NE46", "NE47", "NE42", "NE43", "NE44" },
	  { "David Hedley", "Emma Ridley", "Karen Wake" } },
};
static const int area_w[] = { 16, 34, 32, 18 };

/*
 * The areas' twelve officers carry about 7,500 cases (300 plans each).
 * A bigger caseload gets another team of twelve, with made-up names, for
 * every 7,500 cases, so that an officer's list stays the size of a real
 * one however large the demo.
 */
#define CASES_PER_TEAM 7500

/* Postcode letters (the inward code never uses C I K M O V). */
static const char pc_letters[] = "ABDEFGHJLNPQRSTUWXYZ";

/* Ethnicity (CBDS codes); Northumberland: 92.5% White British. */
static const char *const ethnicities[] = {
	"WBRI", "WOTH", "WIRI", "MWBC", "MWBA", "MOTH", "AIND", "APKN",
	"ABAN", "BAFR", "CHNE", "OOTH", "NOBT", "REFU"
};
static const int ethnicity_w[] = {
	925, 12, 3, 6, 4, 6, 3, 3, 2, 3, 2, 1, 20, 10
};

static const char *const sources[] = {
	"parent", "school", "health", "social-care", "other"
};
static const int source_w[] = { 50, 40, 5, 2, 3 };

/* Age at request: under 5, 5-10, 11-15, 16-19, 20-24 (Northumberland). */
static const int age_band_w[] = { 204, 445, 315, 33, 3 };
static const int age_band_lo[] = { 2, 5, 11, 16, 20 };
static const int age_band_hi[] = { 4, 10, 15, 19, 24 };

/* Advice sought in an assessment, and how often each comes back on time. */
static const struct advice_kind {
	const char	*type;
	int		 sought;	/* per mille of assessments */
	int		 on_time;	/* per mille */
	const char	*providers[3];
} advice_kinds[] = {
	{ "parent", 960, 920, { "Parent carer", "Parent carer",
	    "Family" } },
	{ "educational", 1000, 850, { "Setting SENCo", "Setting SENCo",
	    "Early Years SEND Team" } },
	{ "psychological", 970, 520, { "Educational Psychology North",
	    "Educational Psychology South", "Locum EP Ltd" } },
	{ "medical", 930, 700, { "Northumbria Healthcare NHS FT",
	    "CNTW NHS FT CAMHS", "Community Paediatrics" } },
	{ "social-care", 420, 640, { "Children's Social Care",
	    "Disabled Children's Team", "Early Help Hub" } },
	{ "vision-hearing", 50, 860, { "Sensory Support Service",
	    "Sensory Support Service", "Sensory Support Service" } },
	{ "preparation-for-adulthood", 0, 800, { "Preparing for Adulthood "
	    "Team", "Careers Adviser", "Preparing for Adulthood Team" } },
	{ "other", 60, 800, { "Speech and Language Therapy",
	    "Occupational Therapy", "Physiotherapy" } },
};

/*
 * Weeks from request to final plan: within 20 weeks, 20-28, 28-40,
 * 40-52 and over a year (England 2024: 45.9% / 46.9% / 7.2%;
 * Northumberland 46.8% / 53.0% / 0.1%).
 */
static const int issue_w[] = { 450, 290, 135, 75, 50 };
static const int issue_lo[] = { 108, 141, 197, 281, 365 };
static const int issue_hi[] = { 140, 196, 280, 364, 470 };

/*
 * Primary need (SEN2 SENtype) by age at the plan: speech and language
 * and autism dominate the under-11s, SEMH rises in secondary (England
 * and Northumberland plans, sen2-return.md 2.2-2.3).
 */
static const char *const needs[] = {
	"SLCN", "ASD", "SEMH", "MLD", "SPLD", "PD", "SLD", "PMLD", "HI",
	"VI", "MSI", "DS", "OTH"
};
static const int need_under5_w[] = {
	440, 300, 30, 20, 0, 60, 40, 20, 20, 10, 2, 30, 28
};
static const int need_primary_w[] = {
	280, 300, 220, 90, 30, 30, 20, 5, 10, 8, 1, 4, 2
};
static const int need_secondary_w[] = {
	100, 270, 400, 100, 60, 30, 15, 3, 10, 8, 1, 3, 0
};
static const int need_post16_w[] = {
	80, 250, 350, 150, 80, 40, 20, 5, 15, 10, 0, 0, 0
};

/* Ceasing reasons (SEN2 CeaseReason), under 16 and from 16. */
static const char *const cease_codes[] = {
	"2", "3", "4", "5", "6", "7", "8", "9"
};
static const int cease_young_w[] = { 200, 0, 0, 550, 20, 100, 50, 80 };
static const int cease_older_w[] = { 150, 100, 120, 150, 440, 10, 10, 20 };

static const char *const neighbours[] = {
	"390", "391", "392", "393", "840", "942", "943", "394"
};

static const char *const exception_limbs[] = {
	"personal-circumstances", "absence", "school-closure"
};
static const int exception_limb_w[] = { 55, 25, 20 };

static const char *const request_notes[] = {
	"Spoke to parent: explained the 6-week decision and the Local Offer",
	"Called the setting SENCo to ask for the SEN support plan",
	"Acknowledgement letter sent with the Information, Advice and "
	"Support Service leaflet",
	"Email from parent asking how long the process takes",
};
static const char *const plan_notes[] = {
	"Draft plan sent; 15 days to comment and to name a school",
	"Consulted the preferred setting on the draft plan",
	"Parent phoned about the draft: wants more speech and language "
	"therapy hours",
};

/*
 * Settings and what they cost a year (top-up or placement funding,
 * pounds).  Northumberland's caseload: 40.6% mainstream, 41.8% special
 * (3.6% independent), 10.9% further education, 5.6% educated elsewhere,
 * 0.7% early years; new plans are mostly in mainstream, and children
 * move to special schools at the changes of phase.
 */
enum setting {
	S_EARLY, S_PRIMARY, S_SECONDARY, S_SPECIAL, S_INDEPENDENT, S_FE,
	S_OLA, S_EHE, S_NEET, NSETTINGS
};

static const struct setting_kind {
	const char	*funding;	/* money kind, or NULL */
	const char	*type;		/* money setting type */
	int		 lo, hi;	/* pounds a year */
} settings[NSETTINGS] = {
	[S_EARLY] = { "top-up", "early-years", 2500, 6000 },
	[S_PRIMARY] = { "top-up", "mainstream", 3000, 15000 },
	[S_SECONDARY] = { "top-up", "mainstream", 3000, 15000 },
	[S_SPECIAL] = { "placement", "special", 22000, 34000 },
	[S_INDEPENDENT] = { "placement", "independent", 55000, 95000 },
	[S_FE] = { "top-up", "post-16", 5000, 12000 },
	[S_OLA] = { "placement", "alternative", 15000, 35000 },
	[S_EHE] = { NULL, NULL, 0, 0 },
	[S_NEET] = { NULL, NULL, 0, 0 },
};

/* The setting when the plan is issued, by age: under 4, 4-10, 11-15, 16+. */
static const int at_plan_w[4][NSETTINGS] = {
	{ 700, 250, 0, 50, 0, 0, 0, 0, 0 },
	{ 0, 760, 0, 180, 20, 0, 25, 15, 0 },
	{ 0, 0, 620, 290, 40, 0, 30, 20, 0 },
	{ 0, 0, 0, 150, 30, 720, 20, 0, 80 },
};

/* Moving on at a change of phase: into school, into year 7, year 12. */
static const int into_school_w[NSETTINGS] = {
	0, 720, 0, 250, 0, 0, 30, 0, 0
};
static const int into_secondary_w[NSETTINGS] = {
	0, 0, 600, 320, 40, 0, 20, 20, 0
};
static const int into_post16_w[NSETTINGS] = {
	0, 0, 0, 200, 40, 680, 0, 0, 80
};

static const char *const special_schools[] = {
	"Cleaswell Hill School", "Hexham Priory School", "Barndale House",
	"Atkinson House", "The Dales School", "Collingwood School",
	"Castle School", "Grove School"
};

/* ---- The generator ------------------------------------------------------ */

struct gen {
	struct ehc_db		*db;
	struct ehc_demo_summary	*sum;
	struct rng		 r;
	int32_t			 today;
	int64_t			 index;		/* 0-based case number */
	int64_t			 id;
	char			 ref[EHC_REF_LEN];
	int32_t			 dob;
	int			 area;
	int			 teams;		/* see officer() */
	int			 team;
	char			 officer[48];
	int			 stop;		/* reached today */
	/* Where the child is: see place(). */
	int			 setting;	/* enum setting, or -1 */
	int			 attends;	/* placement seq, 0: none */
	int32_t			 entry;
	int64_t			 funding;	/* funding id, 0: none */
	int32_t			 funded;	/* its start */
	int64_t			 budget;	/* personal budget, 0: none */
	int32_t			 budgeted;	/* its start */
	int32_t			 moves[3];	/* school phases still to come */
	int			 nmoves;
};

/* Officer j (0-2) of the case's area in the case's team. */
static const char *
officer(struct gen *g, int j)
{
	int nfirst = NELEM(boys) + NELEM(girls), idx, q, f;

	if (g->team == 0)
		return areas[g->area].officers[j];
	/* Distinct names for the first NELEM(surnames) * nfirst officers. */
	idx = (g->team * NELEM(areas) + g->area) * 3 + j;
	q = idx / nfirst;
	f = idx % nfirst;
	snprintf(g->officer, sizeof(g->officer), "%s %s", f < NELEM(boys) ?
	    boys[f] : girls[f - NELEM(boys)],
	    surnames[(q + f) % NELEM(surnames)]);
	return g->officer;
}

/*
 * A profile for each officer with cases: the name they are known by,
 * and a made-up address for the morning list (first.last@).
 */
static int
profiles(struct ehc_db *db)
{
	struct ehc_officer_in in = EHC_OFFICER_IN_INIT;
	sqlite3_stmt *st;
	char email[128];
	const char *id;
	size_t i;
	int rc;

	if ((rc = ehc__db_prepare(db, &st, "SELECT DISTINCT officer FROM "
	    "cases WHERE officer IS NOT NULL AND officer NOT IN (SELECT id "
	    "FROM officer) ORDER BY officer")) != EHC_OK)
		return rc;
	in.title = "SEND Officer";
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		id = (const char *)sqlite3_column_text(st, 0);
		snprintf(email, sizeof(email), "%s@example.gov.uk", id);
		for (i = 0; email[i] != '@'; i++)
			email[i] = email[i] == ' ' ? '.' :
			    (char)tolower((unsigned char)email[i]);
		in.name = id;
		in.email = email;
		if ((rc = ehc_officer_set(db, id, &in)) != EHC_OK)
			break;
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? EHC_OK : rc > 0 ? ehc__db_error(db, rc,
	    "reading the officers") : rc;
}

/* Keep the library's message, adding which case failed. */
static int
failed(struct gen *g, int rc, const char *what)
{
	char msg[ERRMSG_LEN];

	snprintf(msg, sizeof(msg), "%s", g->db->errmsg);
	return ehc__db_fail(g->db, rc, "demo case %s, %s: %s", g->ref, what,
	    msg);
}

#define CALL(g, what, expr) do {					\
	int rc_ = (expr);						\
	(g)->sum->calls++;						\
	if (rc_ != EHC_OK)						\
		return failed((g), rc_, (what));			\
} while (0)

/*
 * Whether day has happened; once an event is after today the case
 * stops there.
 */
static int
happened(struct gen *g, int32_t day)
{
	if (day > g->today)
		g->stop = 1;
	return !g->stop;
}

/* The first working day on or after day. */
static int32_t
workday(struct ehc_db *db, int32_t day)
{
	while (!ehc_db_is_working_day(db, day))
		day++;
	return day;
}

/*
 * The last working day on or before day when that is not before floor
 * (so that a deadline met stays met), else the next one.
 */
static int32_t
workday_back(struct ehc_db *db, int32_t day, int32_t floor)
{
	int32_t d = day;

	while (!ehc_db_is_working_day(db, d) && d > floor)
		d--;
	return ehc_db_is_working_day(db, d) ? d : workday(db, day);
}

static int32_t
max32(int32_t a, int32_t b)
{
	return a > b ? a : b;
}

static int32_t
min32(int32_t a, int32_t b)
{
	return a < b ? a : b;
}

/* A valid UPN: check letter, LA 929, then nine digits unique to n. */
static void
make_upn(char *out, int64_t n, int year)
{
	static const char letters[] = "ABCDEFGHJKLMNPQRTUVWXYZ";
	int i, sum = 0;

	snprintf(out, 16, "X929%04u%02u%03u", (unsigned)(2000 + n / 1000 %
	    8000), (unsigned)(year % 100), (unsigned)(n % 1000));
	for (i = 1; i < 13; i++)
		sum += (out[i] - '0') * (i + 1);
	out[0] = letters[sum % 23];
}

/* The 1 September on which a child born on dob starts school year k. */
static int32_t
year_start(int32_t dob, int k)
{
	int y, m, d;

	ehc_date_to_ymd(&y, &m, &d, dob);
	/* Born September to December: a year later than January to August. */
	return ehc_date_from_ymd(y + 5 + k - 1 + (m >= 9), 9, 1);
}

static int
note(struct gen *g, int32_t day, const char *kind, const char *text)
{
	if (day > g->today)
		return EHC_OK;
	CALL(g, "adding a note", ehc_note_add(g->db, g->id, day, kind, text));
	return EHC_OK;
}

/* Leave the setting attended and end its funding, the day before day. */
static int
leave(struct gen *g, int32_t day)
{
	if (g->attends != 0) {
		CALL(g, "leaving a setting", ehc_placement_leave(g->db, g->id,
		    g->attends, max32(g->entry, day - 1)));
		g->attends = 0;
	}
	if (g->funding != 0) {
		CALL(g, "ending funding", ehc_money_end(g->db, g->id,
		    g->funding, max32(g->funded, day - 1)));
		g->funding = 0;
	}
	return EHC_OK;
}

/*
 * From day on the child attends a setting of kind `to`, which the plan
 * names; entry is when they started there (day, or earlier for the
 * setting they were in when the plan was issued).
 */
static int
place(struct gen *g, int to, int32_t day, int32_t entry)
{
	const struct setting_kind *k = &settings[to];
	struct ehc_placement_in in = EHC_PLACEMENT_IN_INIT;
	struct ehc_funding_in f = EHC_FUNDING_IN_INIT;
	char code[16], other[48];
	int seq, rc;

	if ((rc = leave(g, day)) != EHC_OK)
		return rc;
	other[0] = '\0';
	switch (to) {
	case S_EARLY:
		in.setting = "EYP";
		in.other = "Private day nursery";
		break;
	case S_PRIMARY:
		snprintf(code, sizeof(code), "%d", 122000 + g->area * 100 +
		    below(&g->r, 90));
		in.urn = code;
		in.resourced = chance(&g->r, 60);
		in.sen_unit = !in.resourced && chance(&g->r, 40);
		break;
	case S_SECONDARY:
		snprintf(code, sizeof(code), "%d", 137400 + g->area * 20 +
		    below(&g->r, 12));
		in.urn = code;
		in.resourced = chance(&g->r, 60);
		in.sen_unit = !in.resourced && chance(&g->r, 40);
		break;
	case S_SPECIAL:
		snprintf(code, sizeof(code), "%d", 122700 + g->area * 10 +
		    below(&g->r, 2));
		in.urn = code;
		snprintf(other, sizeof(other), "%s",
		    special_schools[g->area * 2 + below(&g->r, 2)]);
		break;
	case S_INDEPENDENT:
		snprintf(code, sizeof(code), "%d", 131000 + below(&g->r, 30));
		in.urn = code;
		if (chance(&g->r, 100))
			in.res = chance(&g->r, 600) ? "A" : "B";
		snprintf(other, sizeof(other), "Independent special school");
		break;
	case S_FE:
		snprintf(code, sizeof(code), "%d", 10004500 + g->area * 10 +
		    below(&g->r, 4));
		in.ukprn = code;
		if (chance(&g->r, 50))
			in.wbp = "S";
		snprintf(other, sizeof(other), "Further education college");
		break;
	case S_OLA:
		in.setting = "OLA";
		in.other = "Education otherwise than in school";
		break;
	case S_EHE:
		in.setting = "EHE";
		break;
	default:	/* S_NEET: the plan names no setting yet */
		in.setting = "OTH";
		in.other = "Post-16 placement being sought";
		break;
	}
	/* The plan names it from the day of the move. */
	in.entry = day;
	CALL(g, "naming a setting", ehc_placement_add(&seq, g->db, g->id,
	    &in));
	in.attends = 1;
	in.entry = entry;
	if (to == S_NEET) {
		in.setting = "NEET";
		in.other = NULL;
	}
	CALL(g, "recording a setting", ehc_placement_add(&g->attends, g->db,
	    g->id, &in));
	g->setting = to;
	g->entry = entry;
	if (k->funding == NULL)
		return EHC_OK;
	f.kind = k->funding;
	f.pence = 100 * (int64_t)(range(&g->r, k->lo / 500, k->hi / 500) *
	    500);
	f.per = "year";
	f.start = day;
	f.provider = other[0] != '\0' ? other : in.urn != NULL ? in.urn :
	    in.setting;
	f.setting_type = k->type;
	f.payer = "education";
	if (strcmp(k->funding, "top-up") == 0) {
		static const char *const bands[] = { "A", "B", "C", "D", "E" };

		f.band = bands[below(&g->r, 5)];
	}
	CALL(g, "recording funding", ehc_money_add(&g->funding, g->db, g->id,
	    &f));
	g->funded = day;
	return EHC_OK;
}

/* A personal budget paid directly: 4.5% of plans, mostly social care. */
static int
personal_budget(struct gen *g, int32_t final)
{
	struct ehc_funding_in f = EHC_FUNDING_IN_INIT;
	int64_t id;
	int32_t start = workday(g->db, final + range(&g->r, 20, 90));
	int32_t paid = workday(g->db, start + range(&g->r, 7, 40));
	int32_t reviewed;

	if (!chance(&g->r, 45) || start > g->today)
		return EHC_OK;
	f.kind = "personal-budget";
	f.pence = 100 * (int64_t)range(&g->r, 150, 900);
	f.per = "month";
	f.start = start;
	f.provider = "Family";
	f.payer = chance(&g->r, 900) ? "social-care" : "education";
	f.covers = f.payer;
	f.direct_payment = 1;
	/* England 2024: organised arrangements for a fifth of budgets. */
	f.organised = chance(&g->r, 200);
	CALL(g, "recording a personal budget", ehc_money_add(&id, g->db, g->id,
	    &f));
	g->budget = id;
	g->budgeted = start;
	if (paid > g->today)
		return EHC_OK;
	CALL(g, "recording a direct payment", ehc_money_direct_payment(g->db,
	    g->id, id, paid, 0));
	/* The first review, due 3 months on: 85% on time. */
	reviewed = ehc_date_add_months(paid, 3) - (chance(&g->r, 850) ?
	    range(&g->r, 0, 20) : -range(&g->r, 1, 60));
	reviewed = workday_back(g->db, reviewed, paid + 1);
	if (reviewed <= g->today)
		CALL(g, "reviewing a direct payment",
		    ehc_money_direct_payment(g->db, g->id, id, reviewed, 1));
	return EHC_OK;
}

/* The plan has ended: so has its personal budget. */
static int
end_budget(struct gen *g, int32_t day)
{
	if (g->budget == 0)
		return EHC_OK;
	CALL(g, "ending a personal budget", ehc_money_end(g->db, g->id,
	    g->budget, max32(g->budgeted, day)));
	g->budget = 0;
	return EHC_OK;
}

/* The setting when the plan is issued, and since when. */
static int
first_setting(struct gen *g, int32_t final)
{
	int age = ehc_date_age(g->dob, final);
	int band = age < 4 ? 0 : age < 11 ? 1 : age < 16 ? 2 : 3;
	int to = pick(&g->r, at_plan_w[band], NSETTINGS);
	int32_t since;

	since = to == S_EARLY ? ehc_date_add_months(g->dob, 30) :
	    to == S_PRIMARY ? year_start(g->dob, 0) :
	    to == S_SECONDARY ? year_start(g->dob, 7) :
	    to == S_FE ? year_start(g->dob, 12) :
	    final - range(&g->r, 0, 400);
	since = max32(since, ehc_date_add_months(g->dob, 24));
	return place(g, to, final, min32(since, final));
}

/* The changes of school phase from after the plan's issue to today. */
static void
plan_moves(struct gen *g, int32_t final)
{
	int k;

	g->nmoves = 0;
	for (k = 0; k < 3; k++) {
		int32_t x = year_start(g->dob, k == 0 ? 0 : k == 1 ? 7 : 12);

		if (x > final && x <= g->today)
			g->moves[g->nmoves++] = x;
	}
}

/* Move on at each change of phase up to day. */
static int
moves_until(struct gen *g, int32_t day)
{
	const int *w;
	int32_t x;
	int i, to, rc;

	while (g->nmoves > 0 && g->moves[0] <= day) {
		x = g->moves[0];
		for (i = 1; i < g->nmoves; i++)
			g->moves[i - 1] = g->moves[i];
		g->nmoves--;
		w = x == year_start(g->dob, 0) ? into_school_w :
		    x == year_start(g->dob, 7) ? into_secondary_w :
		    into_post16_w;
		to = pick(&g->r, w, NSETTINGS);
		/* Special and independent schools often run through. */
		if ((g->setting == S_SPECIAL || g->setting == S_INDEPENDENT) &&
		    w != into_post16_w && chance(&g->r, 850))
			continue;
		if (g->setting == S_EHE && chance(&g->r, 700))
			continue;
		if ((rc = place(g, to, x, x)) != EHC_OK)
			return rc;
	}
	return EHC_OK;
}

/* Record the request and the child; sets g->id and g->ref. */
static int
request(struct gen *g, int32_t received)
{
	struct ehc_request_in in = EHC_REQUEST_IN_INIT;
	const struct area *a;
	char upn[16], uln[12], postcode[12], setting[12];
	int age, band, male, rc;

	g->area = PICK(&g->r, area_w);
	g->team = g->teams > 1 ? below(&g->r, g->teams) : 0;
	a = &areas[g->area];
	band = PICK(&g->r, age_band_w);
	age = range(&g->r, age_band_lo[band], age_band_hi[band]);
	g->dob = ehc_date_add_months(received, -12 * age) -
	    range(&g->r, 1, 364);
	male = chance(&g->r, 690);
	in.forename = male ? boys[below(&g->r, NELEM(boys))] :
	    girls[below(&g->r, NELEM(girls))];
	in.surname = surnames[below(&g->r, NELEM(surnames))];
	in.sex = male ? "M" : "F";
	in.dob = g->dob;
	in.received = received;
	in.source = sources[PICK(&g->r, source_w)];
	/* England 2024: 501 of 154,489 requests (0.3%). */
	in.rya = chance(&g->r, 3);
	if (age >= 16 && strcmp(in.source, "parent") == 0 &&
	    chance(&g->r, 400))
		in.source = "young-person";
	in.ethnicity = ethnicities[PICK(&g->r, ethnicity_w)];
	snprintf(postcode, sizeof(postcode), "%s %d%c%c",
	    a->districts[below(&g->r, 5)], range(&g->r, 1, 9),
	    pc_letters[below(&g->r, 20)], pc_letters[below(&g->r, 20)]);
	in.postcode = postcode;
	/*
	 * Children under 5 not yet at school have no UPN, and the request
	 * says why (SEN2 UN1).
	 */
	if (age >= 5 || chance(&g->r, 300)) {
		int y, m, d;

		ehc_date_to_ymd(&y, &m, &d, year_start(g->dob, 0));
		make_upn(upn, g->index, y);
		in.upn = upn;
	} else
		in.upn_unknown = "UN1";
	if (age >= 16) {
		snprintf(uln, sizeof(uln), "4%09lld",
		    (long long)(g->index * 7919 % 1000000000));
		in.uln = uln;
	}
	/* A setting in the area: early years, primary, secondary, FE. */
	if (age < 4)
		snprintf(setting, sizeof(setting), "EY%d%03d", g->area,
		    below(&g->r, 200));
	else if (age < 11)
		snprintf(setting, sizeof(setting), "%d", 122000 +
		    g->area * 100 + below(&g->r, 90));
	else if (age < 16)
		snprintf(setting, sizeof(setting), "%d", 137400 +
		    g->area * 20 + below(&g->r, 12));
	else
		snprintf(setting, sizeof(setting), "%d", 10004500 +
		    g->area * 10 + below(&g->r, 4));
	in.setting = setting;
	in.officer = officer(g, below(&g->r, 3));
	rc = ehc_request_create(g->ref, sizeof(g->ref), g->db, &in);
	g->sum->calls++;
	if (rc != EHC_OK) {
		snprintf(g->ref, sizeof(g->ref), "#%lld",
		    (long long)g->index + 1);
		return failed(g, rc, "recording the request");
	}
	CALL(g, "finding the case", ehc_case_lookup(&g->id, g->db, g->ref));
	g->sum->cases++;
	if (chance(&g->r, 40))
		CALL(g, "flagging", ehc_case_flag(g->db, g->id,
		    "safeguarding", 1));
	if (chance(&g->r, 60))
		CALL(g, "flagging", ehc_case_flag(g->db, g->id,
		    "looked-after", 1));
	if (chance(&g->r, 10))
		CALL(g, "flagging", ehc_case_flag(g->db, g->id, "chc", 1));
	if (chance(&g->r, 500))
		return note(g, workday(g->db, received + range(&g->r, 1, 10)),
		    "call", request_notes[below(&g->r,
		    NELEM(request_notes))]);
	return EHC_OK;
}

/* One piece of advice: requested on sent, back by `back` if it happens. */
static int
advice(struct gen *g, const struct advice_kind *k, int32_t sent,
    int32_t back)
{
	char ref[EHC_REF_LEN];
	const char *provider = k->providers[below(&g->r, 3)];
	int late = back > sent + 42;

	if (strcmp(k->type, "educational") == 0 && chance(&g->r, 40)) {
		CALL(g, "re-using advice", ehc_advice_reuse(ref, sizeof(ref),
		    g->db, g->id, k->type, sent, "Recent SEN support review"));
		return EHC_OK;
	}
	CALL(g, "requesting advice", ehc_advice_request(ref, sizeof(ref),
	    g->db, g->id, k->type, sent, EHC_NO_DATE, provider));
	if (late && chance(&g->r, 100) && (strcmp(k->type, "psychological")
	    == 0 || strcmp(k->type, "medical") == 0) &&
	    sent + 21 <= g->today)
		CALL(g, "recording an advice exception",
		    ehc_exception_record(g->db, g->id, "advice",
		    "missed-appointment", sent + range(&g->r, 10, 21),
		    "Family could not attend the appointment offered", ref));
	if (back <= g->today)
		CALL(g, "receiving advice", ehc_advice_receive(g->db, g->id,
		    ref, back));
	return EHC_OK;
}

/*
 * The needs named in the plan: every plan names its primary need (SEN2
 * reports one for each plan in force), 40% a second one.
 */
static int
plan_needs(struct gen *g, int age)
{
	const int *w = age < 5 ? need_under5_w : age < 11 ? need_primary_w :
	    age < 16 ? need_secondary_w : need_post16_w;
	int first, second;

	first = pick(&g->r, w, NELEM(needs));
	CALL(g, "recording the need", ehc_case_need(g->db, g->id,
	    needs[first], 1));
	if (!chance(&g->r, 400))
		return EHC_OK;
	if ((second = pick(&g->r, w, NELEM(needs))) == first)
		second = (first + 1 + below(&g->r, 4)) % NELEM(needs);
	CALL(g, "recording the need", ehc_case_need(g->db, g->id,
	    needs[second], 2));
	return EHC_OK;
}

/* The assessment: returns with g->stop set if today came first. */
static int
assessment(struct gen *g, int32_t received, int32_t *final_out)
{
	int32_t decided, sent, back, issue, draft, final, floor;
	int band, i, late, rc, age, excepted = 0;

	*final_out = EHC_NO_DATE;
	/* Withdrawn before a decision: 1-2%. */
	if (chance(&g->r, 15)) {
		int32_t w = workday(g->db, received + range(&g->r, 5, 35));

		if (happened(g, w)) {
			CALL(g, "withdrawing", ehc_request_withdraw(g->db,
			    g->id, w, "Family withdrew the request"));
			g->sum->withdrawn++;
		}
		return EHC_OK;
	}
	/* Decision whether to assess: ~92% within 6 weeks. */
	i = below(&g->r, 1000);
	decided = received + (i < 920 ? range(&g->r, 24, 42) : i < 980 ?
	    range(&g->r, 43, 60) : range(&g->r, 61, 90));
	decided = decided <= received + 42 ?
	    workday_back(g->db, decided, received + 1) : workday(g->db, decided);
	if (decided > received + 42 && chance(&g->r, 250) &&
	    received + 21 <= g->today)
		CALL(g, "recording an exception", ehc_exception_record(g->db,
		    g->id, "decide-assess", "personal-circumstances",
		    received + range(&g->r, 14, 21), "Family bereavement; "
		    "parent asked for more time", NULL));
	if (!happened(g, decided))
		return EHC_OK;
	if (!chance(&g->r, 710)) {
		CALL(g, "deciding not to assess", ehc_decide(g->db, g->id,
		    EHC_DECIDE_NO_ASSESS, decided, "Needs can be met through "
		    "SEN support; appeal rights and mediation explained"));
		g->sum->refused++;
		return EHC_OK;
	}
	CALL(g, "deciding to assess", ehc_decide(g->db, g->id,
	    EHC_DECIDE_ASSESS, decided, NULL));
	g->sum->assessed++;
	/* The family moves away during the assessment (SEN2 Exported). */
	if (chance(&g->r, 5)) {
		int32_t move = workday(g->db, decided + range(&g->r, 10, 90));

		if (happened(g, move))
			CALL(g, "recording a move", ehc_transfer_out(g->db,
			    g->id, neighbours[below(&g->r, NELEM(neighbours))],
			    move, max32(decided, move - range(&g->r, 0, 20))));
		return EHC_OK;
	}

	/* When the plan would be final, working back to the steps. */
	band = PICK(&g->r, issue_w);
	final = received + range(&g->r, issue_lo[band], issue_hi[band]);
	late = band > 0;
	final = late ? workday(g->db, final) : workday_back(g->db, final,
	    received + 100);
	draft = final - 15 - (chance(&g->r, 600) ? range(&g->r, 0, 5) :
	    range(&g->r, 6, 30));
	floor = decided + 35;
	if (draft < floor) {
		draft = floor;
		final = max32(final, draft + 15);
	}
	draft = workday_back(g->db, draft, floor);
	issue = max32(decided + 28, draft - range(&g->r, 0, 10));
	issue = workday_back(g->db, issue, decided + 1);
	if (draft < issue)
		draft = issue;
	final = workday(g->db, max32(final, draft + 15));

	/* Advice, clamped to arrive before the decision to issue. */
	age = ehc_date_age(g->dob, decided);
	sent = workday(g->db, decided + range(&g->r, 1, min32(7,
	    (issue - decided) / 3)));
	for (i = 0; i < NELEM(advice_kinds); i++) {
		const struct advice_kind *k = &advice_kinds[i];
		int sought = k->sought;

		if (strcmp(k->type, "preparation-for-adulthood") == 0)
			sought = age >= 14 ? 900 : 0;
		if (!chance(&g->r, sought) || sent > g->today)
			continue;
		back = sent + (chance(&g->r, k->on_time) ?
		    range(&g->r, 14, 42) : range(&g->r, 43, 130));
		back = min32(back, issue - range(&g->r, 1, 4));
		back = workday_back(g->db, max32(back, sent), sent);
		if ((rc = advice(g, k, sent, back)) != EHC_OK)
			return rc;
	}
	if (!happened(g, issue))
		return EHC_OK;
	/* A Week20 exception: ~5% of plans, mostly the late ones. */
	if (chance(&g->r, late ? 95 : 12)) {
		int32_t d = received + range(&g->r, 42, 90);

		if (d < final && d <= g->today) {
			CALL(g, "recording a Week20 exception",
			    ehc_exception_record(g->db, g->id, "final-plan",
			    exception_limbs[PICK(&g->r, exception_limb_w)], d,
			    "Recorded with the evidence on file", NULL));
			g->sum->week20_exceptions++;
			excepted = 1;
		}
	}
	if (chance(&g->r, 45)) {
		/* England: a third of these within 16 weeks. */
		issue = workday(g->db, max32(issue, received +
		    range(&g->r, 100, 180)));
		if (!happened(g, issue))
			return EHC_OK;
		CALL(g, "deciding not to issue", ehc_decide(g->db, g->id,
		    EHC_DECIDE_NO_ISSUE, issue, "Needs can be met from the "
		    "setting's resources"));
		g->sum->not_issued++;
		return EHC_OK;
	}
	/* No plan can start once a young person is 25 (s83(2)). */
	if (ehc_date_age(g->dob, final) >= 25) {
		CALL(g, "deciding not to issue", ehc_decide(g->db, g->id,
		    EHC_DECIDE_NO_ISSUE, issue, "The young person will be 25 "
		    "before a plan could be issued; support from adult "
		    "services explained"));
		g->sum->not_issued++;
		return EHC_OK;
	}
	CALL(g, "deciding to issue", ehc_decide(g->db, g->id,
	    EHC_DECIDE_ISSUE, issue, NULL));
	if (!happened(g, draft))
		return EHC_OK;
	CALL(g, "issuing the draft", ehc_draft_issue(g->db, g->id, draft));
	if (chance(&g->r, 400) && (rc = note(g, draft, "letter",
	    plan_notes[below(&g->r, NELEM(plan_notes))])) != EHC_OK)
		return rc;
	if (!happened(g, final))
		return EHC_OK;
	CALL(g, "issuing the final plan", ehc_draft_final(g->db, g->id, final,
	    NULL));
	g->sum->plans++;
	if ((rc = plan_needs(g, ehc_date_age(g->dob, final))) != EHC_OK ||
	    (rc = first_setting(g, final)) != EHC_OK ||
	    (rc = personal_budget(g, final)) != EHC_OK)
		return rc;
	plan_moves(g, final);
	if (final <= received + ehc__rule_days("final-plan")) {
		g->sum->within_20++;
		if (!excepted)
			g->sum->within_20_ex++;
	}
	*final_out = final;
	return EHC_OK;
}

/*
 * End the plan on `day` for reason (a SEN2 CeaseReason code); floor is
 * the plan's last event, before which nothing can be dated.
 */
static int
cease(struct gen *g, int32_t day, int32_t floor, const char *reason)
{
	int32_t end;
	int rc;

	if (!happened(g, day))
		return moves_until(g, g->today);
	if ((rc = moves_until(g, day)) != EHC_OK)
		return rc;
	if (strcmp(reason, "5") == 0) {
		int32_t aware = max32(day - range(&g->r, 5, 40), floor);
		int32_t sent = workday(g->db, day + range(&g->r, 0, 10));

		CALL(g, "recording a move", ehc_transfer_out(g->db, g->id,
		    neighbours[below(&g->r, NELEM(neighbours))], day,
		    aware < g->today ? aware : g->today));
		if (!happened(g, sent))
			return EHC_OK;
		CALL(g, "transferring the plan", ehc_transfer_sent(g->db,
		    g->id, sent));
		g->sum->ceased++;
		if ((rc = leave(g, sent + 1)) != EHC_OK)
			return rc;
		return end_budget(g, sent);
	}
	CALL(g, "deciding to cease", ehc_cease_decide(g->db, g->id, day,
	    reason));
	/* After the appeal window (2 months, moved by HESC rule 12). */
	end = workday(g->db, ehc_date_add_months(day, 3) + range(&g->r, 3, 20));
	if (!happened(g, end))
		return moves_until(g, g->today);
	CALL(g, "ending the plan", ehc_cease_end(g->db, g->id, end, NULL));
	g->sum->ceased++;
	if ((rc = leave(g, end + 1)) != EHC_OK)
		return rc;
	return end_budget(g, end);
}

/*
 * Record the phase transfers the plan lives to see, up to next
 * September: into school, into year 7 and into year 12.  The dates go
 * to xs, in order; returns how many through *n.
 */
static int
phase_transfers(struct gen *g, int32_t final, int32_t *xs, int *n)
{
	static const struct { int year; const char *kind; } steps[] = {
		{ 0, "school" }, { 7, "school" }, { 12, "post-16" },
	};
	int i;

	*n = 0;
	for (i = 0; i < NELEM(steps); i++) {
		int32_t x = year_start(g->dob, steps[i].year);

		/* A plan younger than that names the next phase itself. */
		if (x <= final + 300 || x > g->today + 366)
			continue;
		CALL(g, "recording a phase transfer", ehc_phase_transfer(g->db,
		    g->id, x, steps[i].kind));
		g->sum->phase_transfers++;
		xs[(*n)++] = x;
	}
	return EHC_OK;
}

/* Yearly chance (per mille) that a plan ends other than at a review. */
static int
cease_hazard(int age)
{
	return age < 16 ? 40 : age < 19 ? 150 : 250;
}

/*
 * The review meeting after anchor, whose 12-month date is due: 70% by
 * the due date, then a long tail.  Before a phase transfer the review
 * is held in the autumn, so that the amended plan can be final by 15
 * February.
 */
static int32_t
meeting_day(struct gen *g, int32_t anchor, int32_t due, int32_t transfer,
    int first)
{
	int32_t m;
	int i = below(&g->r, 1000);

	m = i < 700 ? due - range(&g->r, 0, 42) : i < 900 ?
	    due + range(&g->r, 1, 60) : due + range(&g->r, 61, 240);
	/* Unless a review was decided in the 12 months before it. */
	if (transfer != EHC_NO_DATE && m > transfer - 200 && (first ||
	    anchor < ehc_date_add_months(transfer, -12)))
		m = max32(anchor + 20, transfer - range(&g->r, 240, 330));
	return workday_back(g->db, max32(m, anchor + 1), anchor + 1);
}

/* When the amendments proposed on `proposed` are final. */
static int32_t
amended_day(struct gen *g, int32_t proposed, int32_t transfer)
{
	int32_t d;
	int i = below(&g->r, 1000);

	/* 55% within the 8 weeks of reg 22(3). */
	d = proposed + 15 + (i < 550 ? range(&g->r, 0, 41) : i < 900 ?
	    range(&g->r, 42, 100) : range(&g->r, 101, 200));
	/* A phase transfer: 70% by 14 February, most of the rest by then. */
	if (transfer != EHC_NO_DATE && proposed < transfer)
		d = min32(d, chance(&g->r, 700) ? transfer - range(&g->r, 200,
		    230) : transfer - range(&g->r, 30, 199));
	return workday(g->db, max32(d, proposed + 15));
}

/* The plan's life after the final plan: reviews, amendments, ending. */
static int
plan_life(struct gen *g, int32_t final)
{
	int32_t anchor = final, due, meeting, report, decided, done;
	int32_t xs[3], transfer;
	int age, i, rc, nx, amend_open = 0, before_transfer;
	const char *outcome;

	if ((rc = phase_transfers(g, final, xs, &nx)) != EHC_OK)
		return rc;
	while (!g->stop) {
		due = ehc_date_add_months(anchor, 12) - 1;
		age = ehc_date_age(g->dob, due);
		if (age >= 25)
			return cease(g, workday(g->db, max32(anchor + 1,
			    ehc_date_add_months(g->dob, 300))), anchor, "1");
		/* Ending between reviews: moves, NEET, employment. */
		if (chance(&g->r, cease_hazard(age)))
			return cease(g, workday(g->db, anchor + range(&g->r, 20,
			    330)), anchor, cease_codes[age < 16 ?
			    PICK(&g->r, cease_young_w) :
			    PICK(&g->r, cease_older_w)]);
		/* The next phase transfer still to come. */
		for (transfer = EHC_NO_DATE, i = 0; i < nx; i++)
			if (xs[i] > anchor) {
				transfer = xs[i];
				break;
			}
		meeting = meeting_day(g, anchor, due, transfer,
		    anchor == final);
		if ((rc = moves_until(g, min32(meeting, g->today))) != EHC_OK)
			return rc;
		if (!happened(g, meeting))
			return EHC_OK;
		CALL(g, "holding a review", ehc_review_meeting(g->db, g->id,
		    meeting));
		g->sum->reviews++;
		report = workday(g->db, meeting + (chance(&g->r, 850) ?
		    range(&g->r, 2, 14) : range(&g->r, 15, 40)));
		/* Decision within 4 weeks: 30% (England 44%, N'land 10%). */
		i = below(&g->r, 1000);
		decided = meeting + (i < 300 ? range(&g->r, 5, 28) : i < 850 ?
		    range(&g->r, 29, 70) : range(&g->r, 71, 180));
		before_transfer = transfer != EHC_NO_DATE &&
		    meeting >= ehc_date_add_months(transfer, -12);
		if (before_transfer)
			decided = min32(decided, max32(meeting + 5,
			    transfer - 150));
		decided = decided <= meeting + 28 ? workday_back(g->db, decided,
		    meeting + 1) : workday(g->db, decided);
		if (report <= g->today && report <= decided)
			CALL(g, "sending the review report",
			    ehc_review_report(g->db, g->id, report));
		if (!happened(g, decided))
			return moves_until(g, g->today);
		/* Amend 62%, maintain 37%, cease 1% (England 2024). */
		i = below(&g->r, 1000);
		if (before_transfer)
			i = i < 880 ? 0 : 700;
		outcome = i < 620 ? "amend" : i < 990 ? "maintain" : "cease";
		if (amend_open && strcmp(outcome, "amend") == 0)
			outcome = "maintain";
		CALL(g, "deciding the review", ehc_review_decide(g->db, g->id,
		    outcome, decided));
		g->sum->reviews_decided++;
		if (decided <= meeting + 28)
			g->sum->decided_4_weeks++;
		if (report <= g->today && report > decided)
			CALL(g, "sending the review report",
			    ehc_review_report(g->db, g->id, report));
		if (strcmp(outcome, "cease") == 0)
			return cease(g, decided, decided, age < 16 ? "2" :
			    "6");
		if (strcmp(outcome, "maintain") == 0)
			g->sum->maintained++;
		else {
			g->sum->amended++;
			/* Now and then the primary need named changes. */
			if (chance(&g->r, 40))
				CALL(g, "changing the need", ehc_case_need_at(
				    g->db, g->id, needs[below(&g->r,
				    NELEM(needs))], 1, decided));
			CALL(g, "proposing amendments",
			    ehc_amend_propose(g->db, g->id, decided));
			done = amended_day(g, decided, before_transfer ?
			    transfer : EHC_NO_DATE);
			amend_open = done > g->today;
			if (!amend_open)
				CALL(g, "finalising amendments",
				    ehc_amend_final(g->db, g->id, done, NULL));
		}
		anchor = decided;
	}
	return moves_until(g, g->today);
}

/* Now and then a case moves to a colleague covering the area. */
static int
reassign(struct gen *g)
{
	if (!chance(&g->r, 70))
		return EHC_OK;
	CALL(g, "reassigning", ehc_case_assign(g->db, g->id,
	    officer(g, below(&g->r, 3))));
	return EHC_OK;
}

static int
one_case(struct gen *g, int32_t received)
{
	int32_t final;
	int rc;

	g->stop = 0;
	g->id = 0;
	g->setting = -1;
	g->attends = 0;
	g->funding = 0;
	g->budget = 0;
	g->nmoves = 0;
	if ((rc = request(g, received)) != EHC_OK ||
	    (rc = assessment(g, received, &final)) != EHC_OK)
		return rc;
	g->stop = 0;
	if (final != EHC_NO_DATE && (rc = plan_life(g, final)) != EHC_OK)
		return rc;
	return reassign(g);
}

/* ---- Requests over six years -------------------------------------------- */

/*
 * Relative requests per year, oldest first: Northumberland 2020-2024
 * and a further 15% for the latest year.
 */
static const int year_w[] = { 449, 513, 682, 842, 1021, 1175 };

struct slot {
	int32_t		 received;
	uint32_t	 n;
};

static int
by_received(const void *a, const void *b)
{
	const struct slot *x = a, *y = b;

	if (x->received != y->received)
		return x->received < y->received ? -1 : 1;
	return x->n < y->n ? -1 : x->n > y->n;
}

static uint64_t
mix(uint64_t seed, uint64_t n)
{
	struct rng r;

	r.s = seed ^ (n * UINT64_C(0xd1b54a32d192ed03));
	return rnext(&r);
}

static int
store_empty(struct ehc_db *db, int *empty)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = ehc__db_prepare(db, &st, "SELECT EXISTS (SELECT 1 FROM "
	    "cases)")) != EHC_OK)
		return rc;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*empty = !sqlite3_column_int(st, 0);
		rc = EHC_OK;
	} else
		rc = ehc__db_error(db, rc, "counting cases");
	sqlite3_finalize(st);
	return rc;
}

/* The page cache in KiB (negative), to restore after the build. */
static int
cache_size(struct ehc_db *db, int *out)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = ehc__db_prepare(db, &st, "PRAGMA cache_size")) != EHC_OK)
		return rc;
	if (sqlite3_step(st) == SQLITE_ROW)
		*out = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return EHC_OK;
}

static int
set_cache_size(struct ehc_db *db, int n)
{
	char sql[64];

	/* PRAGMA takes no parameters; n is an integer we own. */
	snprintf(sql, sizeof(sql), "PRAGMA cache_size = %d", n);
	return ehc__db_exec(db, sql);
}

int
ehc_demo_build(struct ehc_demo_summary *out, struct ehc_db *db,
    const struct ehc_demo_options *opts)
{
	struct ehc_demo_summary sum;
	struct slot *slots = NULL;
	struct rng master;
	struct gen g;
	int32_t start, year_len = 365;
	int64_t i, n;
	int rc, rc2, empty = 0, old_cache = 0, have_cache = 0;
	int band;

	if ((rc = ehc__check_version(db, "struct ehc_demo_options",
	    opts == NULL ? NULL : &opts->version, EHC_DEMO_OPTIONS_VERSION))
	    != EHC_OK)
		return rc;
	n = opts->cases;
	if (n < 1 || n > EHC_DEMO_MAX_CASES)
		return ehc__db_fail(db, EHC_EINVAL, "the number of cases must "
		    "be from 1 to %d", EHC_DEMO_MAX_CASES);
	if (db->today == EHC_NO_DATE)
		return ehc__db_fail(db, EHC_EINVAL, "the demo needs today's "
		    "date; set it on the handle");
	if ((rc = store_empty(db, &empty)) != EHC_OK)
		return rc;
	if (!empty)
		return ehc__db_fail(db, EHC_ESTATE, "the store already holds "
		    "cases; build the demo in a new store (ehc --db demo.db "
		    "init), never beside real records");
	memset(&sum, 0, sizeof(sum));
	/* The authority, for the SEN2 header: Northumberland's figures. */
	if ((rc = ehc_config_set(db, "authority", "Demo authority "
	    "(synthetic data)")) != EHC_OK ||
	    (rc = ehc_config_set(db, "lea", "929")) != EHC_OK ||
	    (rc = ehc_config_set(db, "dmo", "N")) != EHC_OK ||
	    (rc = ehc_config_set(db, "dco", "Y")) != EHC_OK ||
	    (rc = ehc_config_set(db, "dsco", "Y")) != EHC_OK)
		return rc;
	if ((slots = calloc((size_t)n, sizeof(*slots))) == NULL)
		return ehc__db_fail(db, EHC_ENOMEM, "out of memory for %lld "
		    "cases", (long long)n);
	/* Requests in the six years before today, growing year on year. */
	master.s = opts->seed;
	start = db->today - 6 * year_len;
	for (i = 0; i < n; i++) {
		band = PICK(&master, year_w);
		slots[i].received = workday_back(db,
		    start + band * year_len + below(&master, year_len),
		    start);
		if (slots[i].received > db->today)
			slots[i].received = db->today;
		slots[i].n = (uint32_t)i;
	}
	qsort(slots, (size_t)n, sizeof(*slots), by_received);
	/* A bigger page cache while the caseload is built, restored after. */
	if ((rc = cache_size(db, &old_cache)) != EHC_OK)
		goto out;
	have_cache = 1;
	if ((rc = set_cache_size(db, -65536)) != EHC_OK)
		goto out;
	/* Each case's deadlines once it is built, not after every step. */
	ehc__clock_defer(db, 1);
	memset(&g, 0, sizeof(g));
	g.db = db;
	g.sum = &sum;
	g.today = db->today;
	g.teams = n / CASES_PER_TEAM > 1 ? (int)(n / CASES_PER_TEAM) : 1;
	for (i = 0; i < n; i++) {
		g.index = i;
		g.r.s = mix(opts->seed, (uint64_t)i);
		if ((rc = one_case(&g, slots[i].received)) != EHC_OK)
			goto out;
		if (opts->progress != NULL && ((i + 1) % 500 == 0 ||
		    i + 1 == n) &&
		    (rc = opts->progress(i + 1, n, opts->payload)) != 0)
			goto out;
	}
	rc = profiles(db);
out:
	/* The last case's deadlines, before anyone reads them. */
	if ((rc2 = ehc__clock_defer(db, 0)) != EHC_OK && rc == EHC_OK)
		rc = rc2;
	if (have_cache)
		set_cache_size(db, old_cache);
	free(slots);
	if (out != NULL)
		*out = sum;
	return rc;
}
