/*
 * export.c: one case as one JSON document, for a transfer to another
 * authority or a subject access request, and the same document loaded
 * back as a new case.
 *
 * Each part of the document is described once, in sections[] below: its
 * JSON key, its columns with the kind of value each holds, the query
 * that reads it and the statement that writes it.  Export walks the
 * list reading; import walks it twice, first checking every value, then
 * writing.  Internal ids never appear: exceptions name their advice as
 * "A<seq>", amendments their review and plan versions their amendment
 * by position (1, 2, ...), plan items their links by section and seq,
 * and a Tribunal order carries its steps inside it.
 */
#include "internal.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/*
 * A case file has format_version EHC_JSON_FORMAT_VERSION, with the
 * sending authority and the history earlier senders passed on.  One
 * written before ehc's JSON had one version key has "format": "ehc-case"
 * and format_version 1, and no authority or history: both are read.
 */
#define OLD_FORMAT_NAME	"ehc-case"
#define OLD_FORMAT_VERSION 1
#define PATH_LEN	96
#define FILE_MAX	(64L << 20)	/* the largest case file read */
#define ARRAY_MAX	100000		/* rows of one kind in a case */
#define CHILD_MAX	1000		/* an order's steps, an item's links */

enum kind {
	K_TEXT,		/* printable text of up to max bytes */
	K_WORD,		/* letters, digits, spaces, hyphens; up to max */
	K_DIGITS,	/* min to max digits */
	K_ENUM,		/* one of values[] */
	K_DATE,		/* YYYY-MM-DD */
	K_TIME,		/* YYYY-MM-DDTHH:MM:SSZ */
	K_INT,		/* a whole number from min to max */
	K_BOOL,		/* true or false; stored 0 or 1, never NULL */
	K_UPN,		/* a unique pupil number with its check letter */
	K_ADVICE,	/* "A<seq>": advice of the same case */
	K_REVIEW,	/* 1, 2, ...: a review of the same case, in order */
	K_AMENDMENT,	/* 1, 2, ...: an amendment of the same case */
	K_JSON		/* a JSON document as text, up to max bytes */
};

enum {
	REQ = 1 << 0,	/* never null */
	UNIQ = 1 << 1,	/* no two rows of the array share it */
	TABS = 1 << 2,	/* text may hold tabs */
	LINES = 1 << 3	/* text may hold tabs and line breaks */
};

struct col {
	const char		*key;		/* JSON key */
	const char		*column;	/* its column */
	enum kind		 kind;
	unsigned		 flags;
	long long		 min, max;	/* lengths or values */
	const char *const	*values;	/* K_ENUM */
};

enum {
	S_OBJECT = 1 << 0,	/* one object, not an array */
	S_DERIVED = 1 << 1,	/* exported only: recomputed on import */
	S_PERSON = 1 << 2,	/* the person: found by UPN or added */
	S_RECORD = 1 << 3,	/* the case row itself */
	S_LATE = 1 << 4		/* children written after all rows */
};

struct check;

struct section {
	const char		*key;
	const char		*table;
	unsigned		 flags;
	const struct col	*cols;
	int			 ncols;
	/*
	 * select: ?1 the case (or, for a child, the parent row), the
	 * columns in order, then the row's id when there is a child;
	 * write: ?1 the same, ?2... the columns in order.
	 */
	const char		*select;
	const char		*write;
	const struct section	*child;
	/* Checks across rows, after each row's own (NULL: none). */
	int			(*check)(struct check *, const cJSON *);
};

#define TEXT(k, max, f)		{ k, k, K_TEXT, f, 0, max, NULL }
#define JSONTEXT(k, max, f)	{ k, k, K_JSON, f, 0, max, NULL }
#define WORD(k, max, f)		{ k, k, K_WORD, f, 0, max, NULL }
#define DIGITS(k, lo, hi)	{ k, k, K_DIGITS, 0, lo, hi, NULL }
#define ENUM(k, v, f)		{ k, k, K_ENUM, f, 0, 0, v }
#define DATE(k, f)		{ k, k, K_DATE, f, 0, 0, NULL }
#define INT(k, lo, hi, f)	{ k, k, K_INT, f, lo, hi, NULL }
#define BOOL(k)			{ k, k, K_BOOL, 0, 0, 1, NULL }
#define NCOLS(a)		((int)(sizeof(a) / sizeof(a[0])))

static const char *const v_sex[] = { "M", "F", NULL };
static const char *const v_yn[] = { "Y", "N", "H", NULL };
static const char *const v_sources[] = { "parent", "young-person",
	"school", "health", "social-care", "other", NULL };
static const char *const v_res[] = { "A", "B", NULL };
static const char *const v_wbp[] = { "A", "T", "S", NULL };
static const char *const v_dp[] = { "E", "S", "H", "I", NULL };
static const char *const v_advice[] = { "parent", "educational",
	"medical", "psychological", "social-care",
	"preparation-for-adulthood", "vision-hearing", "other", NULL };
static const char *const v_steps[] = { "decide-assess", "decide-issue",
	"final-plan", "advice", "reassess-plan", NULL };
static const char *const v_limbs[] = { "school-closure",
	"early-years-closure", "personal-circumstances", "absence",
	"missed-appointment", "coronavirus", NULL };
static const char *const v_outcome[] = { "M", "A", "C", NULL };
static const char *const v_phase[] = { "school", "post-16", "post-16-move",
	NULL };
static const char *const v_progress[] = { "achieved", "partly", "not",
	NULL };
static const char *const v_booking[] = { "review", "planning", "panel",
	"advice", NULL };
static const char *const v_note[] = { "call", "meeting", "letter", "email",
	"visit", "other", NULL };
static const char *const v_need[] = { "SPLD", "MLD", "SLD", "PMLD", "SEMH",
	"SLCN", "HI", "VI", "MSI", "PD", "ASD", "DS", "OTH", NULL };
static const char *const v_about[] = { "no-assess", "no-issue", "content",
	"no-amend", "cease", NULL };
static const char *const v_order[] = { "assess", "make-plan", "amend",
	"name-school", "continue", "unopposed-assess", "unopposed-plan",
	"unopposed-amend", "unopposed-continue", "agreed-assess",
	"agreed-make-plan", "agreed-amend", "agreed-name-school",
	"agreed-continue", NULL };
static const char *const v_requester[] = { "parent", "young-person",
	"school", "health", NULL };
static const char *const v_reassess[] = { "Y", "N", NULL };
static const char *const v_direction[] = { "in", "out", NULL };
static const char *const v_fkind[] = { "placement", "top-up",
	"personal-budget", "indicative", NULL };
static const char *const v_role[] = { "parent", "carer", "young-person",
	"ep", "health", "social-worker", "senco", "key-worker", "other",
	NULL };
static const char *const v_chc[] = { "eligible", "not-eligible", NULL };
static const char *const v_dstep[] = { "assess", "issue", NULL };
static const char *const v_ground[] = { "mediation", "tribunal",
	"evidence", NULL };
static const char *const v_per[] = {
	"year", "term", "month", "week", "once", NULL
};
static const char *const v_setting[] = { "mainstream", "special",
	"independent", "post-16", "alternative", "early-years", "other", NULL };
static const char *const v_payer[] = { "education", "health",
	"social-care", NULL };
static const char *const v_plan_section[] = { "A", "B", "C", "D", "E", "F",
	"G", "H1", "H2", "I", "J", "K", NULL };
static const char *const v_plan_item[] = { "B", "C", "D", "E", "F", "G",
	"H1", "H2", NULL };
static const char *const v_pfa[] = { "employment", "independent-living",
	"community", "health", NULL };
static const char *const v_version[] = { "draft", "final", "proposed",
	"amended", NULL };

static const struct col c_person[] = {
	TEXT("forename", 100, REQ),
	TEXT("surname", 100, REQ),
	DATE("dob", REQ),
	ENUM("sex", v_sex, 0),
	WORD("ethnicity", 4, 0),
	WORD("postcode", 8, 0),
	{ "upn", "upn", K_UPN, 0, 0, 13, NULL },
	DIGITS("uln", 10, 10),
	WORD("upn_unknown", 10, 0),
};

static const struct col c_record[] = {
	DATE("received", 0),
	ENUM("source", v_sources, 0),
	BOOL("rya"),
	TEXT("officer", 100, 0),
	WORD("setting", 8, 0),
	BOOL("safeguarding"),
	BOOL("looked_after"),
	BOOL("chc"),
	BOOL("not_in_school"),
	DATE("withdrawn", 0),
	ENUM("assess", v_yn, 0),
	DATE("assess_date", 0),
	ENUM("issue", v_yn, 0),
	DATE("issue_date", 0),
	DATE("draft_date", 0),
	DATE("final_date", 0),
	TEXT("final_forced", 2000, 0),
	TEXT("reason", 2000, 0),
	WORD("transfer_la", 8, 0),
	WORD("exported", 8, 0),
	DATE("cease_date", 0),
	WORD("cease_reason", 10, 0),
	ENUM("plan_res", v_res, 0),
	ENUM("plan_wbp", v_wbp, 0),
	BOOL("pb"),
	INT("oa", 0, 1, 0),
	ENUM("dp", v_dp, 0),
	BOOL("request_mediation"),
	BOOL("request_tribunal"),
	BOOL("assessment_mediation"),
	BOOL("assessment_tribunal"),
	BOOL("other_mediation"),
	BOOL("other_tribunal"),
	{ "created", "created", K_TIME, REQ, 0, 0, NULL },
	BOOL("legal_hold"),
	INT("year_offset", -3, 3, 0),
	DATE("imported_as_of", 0),
};

static const struct col c_advice[] = {
	INT("seq", 1, 9999, REQ | UNIQ),
	ENUM("type", v_advice, REQ),
	TEXT("provider", 100, 0),
	DATE("requested", REQ),
	DATE("received_by", REQ),
	DATE("received", 0),
	BOOL("reused"),
	TEXT("adviser", 100, 0),
};

static const struct col c_exception[] = {
	ENUM("step", v_steps, REQ),
	ENUM("limb", v_limbs, REQ),
	{ "advice", "advice_id", K_ADVICE, 0, 0, 0, NULL },
	DATE("date", REQ),
	TEXT("note", 2000, 0),
};

static const struct col c_review[] = {
	DATE("meeting", REQ),
	DATE("report", 0),
	ENUM("outcome", v_outcome, 0),
	DATE("decided", 0),
	BOOL("not_in_school"),
};

static const struct col c_amendment[] = {
	{ "review", "review_id", K_REVIEW, 0, 0, 0, NULL },
	DATE("proposed", REQ),
	DATE("final", 0),
	DATE("not_amended", 0),
};

static const struct col c_phase[] = {
	DATE("transfer", REQ),
	ENUM("kind", v_phase, REQ),
};

static const struct col c_note[] = {
	DATE("date", REQ),
	ENUM("kind", v_note, REQ),
	TEXT("author", 200, REQ),
	TEXT("text", 2000, REQ | LINES),
};

static const struct col c_contact[] = {
	ENUM("role", v_role, REQ),
	TEXT("name", 100, REQ),
	BOOL("pr"),
	TEXT("organisation", 200, 0),
	TEXT("address", 500, LINES),
	TEXT("phone", 200, 0),
	TEXT("email", 200, 0),
	TEXT("language", 200, 0),
	TEXT("format", 200, 0),
	DATE("removed", 0),
};

static const struct col c_concern[] = {
	DATE("raised", REQ),
	TEXT("raised_by", 100, REQ),
	TEXT("note", 500, LINES),
	DATE("closed", 0),
};

static const struct col c_chc[] = {
	DATE("referred", REQ),
	ENUM("outcome", v_chc, 0),
	DATE("decided", 0),
};

static const struct col c_decision[] = {
	ENUM("step", v_dstep, REQ),
	ENUM("outcome", v_yn, REQ),
	DATE("date", 0),
	TEXT("reason", 2000, LINES),
	TEXT("support", 2000, LINES),
	ENUM("reconsider", v_ground, 0),
};

static const struct col c_booking[] = {
	ENUM("kind", v_booking, REQ),
	DATE("date", REQ),
	TEXT("time", 5, 0),
	TEXT("place", 200, 0),
	TEXT("invite", 1000, 0),
	DATE("booked", REQ),
	DATE("held", 0),
};

static const struct col c_progress[] = {
	WORD("outcome", 12, REQ),
	DATE("date", REQ),
	ENUM("progress", v_progress, REQ),
	TEXT("note", 2000, 0),
};

/* A need's dates: a file without them (before schema 12) gets the plan's. */
static const struct col c_need[] = {
	ENUM("type", v_need, REQ),
	INT("rank", 1, 2, REQ),
	DATE("start", 0),
	DATE("end", 0),
};

static const struct col c_plan_detail[] = {
	INT("seq", 1, 999, REQ | UNIQ),
	DIGITS("urn", 1, 6),
	DIGITS("ukprn", 8, 8),
	WORD("sen_setting", 10, 0),
	TEXT("sen_setting_other", 200, 0),
	INT("placement_rank", 1, 99, REQ),
	INT("sen_unit", 0, 1, 0),
	INT("resourced", 0, 1, 0),
	DATE("start", 0),
	DATE("end", 0),
	ENUM("res", v_res, 0),
	ENUM("wbp", v_wbp, 0),
};

static const struct col c_placement[] = {
	INT("seq", 1, 999, REQ | UNIQ),
	DIGITS("urn", 1, 6),
	DIGITS("ukprn", 8, 8),
	WORD("sen_setting", 10, 0),
	TEXT("sen_setting_other", 200, 0),
	INT("placement_rank", 1, 99, REQ),
	DATE("entry", 0),
	DATE("leaving", 0),
	INT("sen_unit", 0, 1, 0),
	INT("resourced", 0, 1, 0),
	ENUM("res", v_res, 0),
	ENUM("wbp", v_wbp, 0),
};

static const struct col c_cessation[] = {
	DATE("proposed", 0),
	DATE("decided", 0),
	WORD("reason", 10, 0),
	DATE("appeal_lodged", 0),
	DATE("appeal_ended", 0),
};

static const struct col c_dispute[] = {
	ENUM("about", v_about, REQ),
	DATE("notice", REQ),
	DATE("contact", 0),
	DATE("mediation", 0),
	DATE("mediated", 0),
	DATE("certificate", 0),
	DATE("appeal", 0),
	DATE("decided", 0),
	DATE("declined", 0),
	DATE("agreement", 0),
	BOOL("health_only"),
	DATE("agreement_done", 0),
	DATE("health_told", 0),
	DATE("received", 0),
	DATE("response", 0),
};

static const struct col c_reassessment[] = {
	DATE("requested", 0),
	ENUM("requester", v_requester, 0),
	DATE("decided", 0),
	ENUM("outcome", v_reassess, 0),
	DATE("draft", 0),
	DATE("final", 0),
	TEXT("final_forced", 2000, 0),
};

static const struct col c_order[] = {
	ENUM("kind", v_order, REQ),
	DATE("made", REQ),
};

static const struct col c_order_step[] = {
	WORD("step", 40, REQ | UNIQ),
	DATE("done", REQ),
};

static const struct col c_la_transfer[] = {
	ENUM("direction", v_direction, REQ),
	DIGITS("other_la", 3, 3),
	DATE("move", 0),
	DATE("aware", 0),
	DATE("transferred", 0),
	DATE("reviewed", 0),
	DATE("notified", 0),
};

static const struct col c_funding[] = {
	ENUM("kind", v_fkind, REQ),
	INT("pence", 0, 1000000000000LL, REQ),
	ENUM("per", v_per, REQ),
	DATE("start", REQ),
	DATE("end", 0),
	TEXT("provider", 200, 0),
	ENUM("setting_type", v_setting, 0),
	ENUM("payer", v_payer, 0),
	ENUM("covers", v_payer, 0),
	BOOL("direct_payment"),
	TEXT("band", 40, 0),
	DATE("first_payment", 0),
	DATE("reviewed", 0),
	BOOL("organised"),
};

/* Deadlines are recomputed on import; these only check the shape. */
static const struct col c_deadline[] = {
	INT("seq", 0, 1000000, REQ),
	WORD("rule", 64, REQ),
	WORD("rule_id", 64, REQ),
	TEXT("subject", 64, 0),
	DATE("due", REQ),
	DATE("done", 0),
	BOOL("void"),
	WORD("exception", 64, 0),
	TEXT("explain", 4000, 0),	/* in exports before schema 7 */
	BOOL("advisory"),
};

static const struct col c_plan_section[] = {
	ENUM("section", v_plan_section, REQ | UNIQ),
	TEXT("text", 65536, LINES),
};

static const struct col c_plan_item[] = {
	ENUM("section", v_plan_item, REQ),
	INT("seq", 1, 1000000, REQ),
	TEXT("text", 2000, TABS | REQ),
	TEXT("amount", 200, TABS),
	TEXT("frequency", 200, TABS),
	TEXT("provider", 200, TABS),
	ENUM("pfa", v_pfa, 0),
	BOOL("removed"),
};

static const struct col c_plan_link[] = {
	ENUM("section", v_plan_item, REQ),
	INT("seq", 1, 1000000, REQ),
};

static const struct col c_plan_version[] = {
	INT("number", 1, 1000000, REQ | UNIQ),
	ENUM("kind", v_version, REQ),
	DATE("date", REQ),
	{ "amendment", "amendment_id", K_AMENDMENT, 0, 0, 0, NULL },
	{ "created", "created", K_TIME, REQ, 0, 0, NULL },
	TEXT("user", 200, REQ),
	JSONTEXT("content", 16 << 20, REQ),
};

static const struct col c_chronology[] = {
	{ "at", "at", K_TIME, REQ, 0, 0, NULL },
	TEXT("user", 200, REQ),
	TEXT("action", 64, REQ),
	TEXT("detail", 2100, 0),
};

/* What other authorities recorded, as they sent it with the case. */
static const struct col c_history[] = {
	TEXT("source", 100, 0),
	{ "imported", "imported", K_TIME, REQ, 0, 0, NULL },
	TEXT("imported_by", 200, REQ),
	{ "at", "at", K_TIME, REQ, 0, 0, NULL },
	TEXT("user", 200, REQ),
	TEXT("action", 64, REQ),
	TEXT("detail", 2100, 0),
};

static const struct section order_steps = {
	"steps", "order_step", 0, c_order_step, NCOLS(c_order_step),
	"SELECT step, done FROM order_step WHERE order_id = ?1 ORDER BY step",
	"INSERT INTO order_step(order_id, step, done) VALUES (?1, ?2, ?3)",
	NULL, NULL
};

/* An item's links name other items of the case by section and seq. */
static const struct section plan_links = {
	"links", "plan_link", S_LATE, c_plan_link, NCOLS(c_plan_link),
	"SELECT t.section, t.seq FROM plan_link l JOIN plan_item t ON "
	"t.id = l.target_id WHERE l.item_id = ?1 ORDER BY t.section, t.seq",
	"INSERT INTO plan_link(item_id, target_id) SELECT ?1, t.id FROM "
	"plan_item t WHERE t.case_id = (SELECT case_id FROM plan_item WHERE "
	"id = ?1) AND t.section = ?2 AND t.seq = ?3",
	NULL, NULL
};

static int	check_plan_items(struct check *, const cJSON *);

static const struct section sections[] = {
	{ "person", "person", S_OBJECT | S_PERSON, c_person, NCOLS(c_person),
	    "SELECT p.forename, p.surname, p.dob, p.sex, p.ethnicity, "
	    "p.postcode, p.upn, p.uln, p.upn_unknown FROM cases c JOIN "
	    "person p ON p.id = c.person_id WHERE c.id = ?1",
	    "INSERT INTO person(forename, surname, dob, sex, ethnicity, "
	    "postcode, upn, uln, upn_unknown) VALUES (?2, ?3, ?4, ?5, ?6, "
	    "?7, ?8, ?9, ?10)", NULL, NULL },
	{ "record", "cases", S_OBJECT | S_RECORD, c_record, NCOLS(c_record),
	    "SELECT received, source, rya, officer, setting, "
	    "safeguarding, looked_after, chc, not_in_school, withdrawn, "
	    "assess, assess_date, issue, issue_date, draft_date, "
	    "final_date, final_forced, reason, transfer_la, exported, "
	    "cease_date, cease_reason, plan_res, plan_wbp, pb, oa, dp, "
	    "request_mediation, request_tribunal, assessment_mediation, "
	    "assessment_tribunal, other_mediation, other_tribunal, "
	    "created, legal_hold, year_offset, imported_as_of FROM cases "
	    "WHERE id = ?1",
	    "UPDATE cases SET received = ?2, source = ?3, rya = ?4, "
	    "officer = ?5, setting = ?6, safeguarding = ?7, looked_after "
	    "= ?8, chc = ?9, not_in_school = ?10, withdrawn = ?11, assess "
	    "= ?12, assess_date = ?13, issue = ?14, issue_date = ?15, "
	    "draft_date = ?16, final_date = ?17, final_forced = ?18, "
	    "reason = ?19, transfer_la = ?20, exported = ?21, cease_date "
	    "= ?22, cease_reason = ?23, plan_res = ?24, plan_wbp = ?25, "
	    "pb = ?26, oa = ?27, dp = ?28, request_mediation = ?29, "
	    "request_tribunal = ?30, assessment_mediation = ?31, "
	    "assessment_tribunal = ?32, other_mediation = ?33, "
	    "other_tribunal = ?34, created = ?35, legal_hold = ?36, "
	    "year_offset = coalesce(?37, 0), imported_as_of = ?38 WHERE id = "
	    "?1", NULL, NULL },
	{ "advice", "advice", 0, c_advice, NCOLS(c_advice),
	    "SELECT seq, type, provider, requested, received_by, "
	    "received, reused, adviser FROM advice WHERE case_id = ?1 "
	    "ORDER BY seq",
	    "INSERT INTO advice(case_id, seq, type, provider, requested, "
	    "received_by, received, reused, adviser) VALUES (?1, ?2, ?3, "
	    "?4, ?5, ?6, ?7, ?8, ?9)", NULL, NULL },
	{ "contacts", "contact", 0, c_contact, NCOLS(c_contact),
	    "SELECT role, name, pr, organisation, address, phone, email, "
	    "language, format, removed FROM contact WHERE case_id = ?1 "
	    "ORDER BY id",
	    "INSERT INTO contact(case_id, role, name, pr, organisation, "
	    "address, phone, email, language, format, removed) VALUES (?1, "
	    "?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)", NULL, NULL },
	{ "concerns", "concern", 0, c_concern, NCOLS(c_concern),
	    "SELECT raised, raised_by, note, closed FROM concern WHERE "
	    "case_id = ?1 ORDER BY id",
	    "INSERT INTO concern(case_id, raised, raised_by, note, closed) "
	    "VALUES (?1, ?2, ?3, ?4, ?5)", NULL, NULL },
	{ "chc", "chc", 0, c_chc, NCOLS(c_chc),
	    "SELECT referred, outcome, decided FROM chc WHERE case_id = ?1",
	    "INSERT INTO chc(case_id, referred, outcome, decided) VALUES "
	    "(?1, ?2, ?3, ?4)", NULL, NULL },
	{ "decisions", "decision", 0, c_decision, NCOLS(c_decision),
	    "SELECT step, outcome, date, reason, support, reconsider FROM "
	    "decision WHERE case_id = ?1 ORDER BY id",
	    "INSERT INTO decision(case_id, step, outcome, date, reason, "
	    "support, reconsider) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", NULL,
	    NULL },
	{ "exceptions", "exception", 0, c_exception, NCOLS(c_exception),
	    "SELECT step, limb, (SELECT 'A' || a.seq FROM advice a WHERE "
	    "a.id = e.advice_id), date, note FROM exception e WHERE "
	    "case_id = ?1 ORDER BY id",
	    "INSERT INTO exception(case_id, step, limb, advice_id, date, "
	    "note) VALUES (?1, ?2, ?3, (SELECT id FROM advice WHERE "
	    "case_id = ?1 AND seq = ?4), ?5, ?6)", NULL, NULL },
	{ "reviews", "review", 0, c_review, NCOLS(c_review),
	    "SELECT meeting, report, outcome, decided, not_in_school FROM "
	    "review WHERE case_id = ?1 ORDER BY id",
	    "INSERT INTO review(case_id, meeting, report, outcome, "
	    "decided, not_in_school) VALUES (?1, ?2, ?3, ?4, ?5, ?6)", NULL,
	    NULL },
	{ "amendments", "amendment", 0, c_amendment, NCOLS(c_amendment),
	    "SELECT CASE WHEN a.review_id IS NULL THEN NULL ELSE (SELECT "
	    "count(*) FROM review r WHERE r.case_id = a.case_id AND r.id "
	    "<= a.review_id) END, proposed, final, not_amended FROM "
	    "amendment a WHERE case_id = ?1 ORDER BY id",
	    "INSERT INTO amendment(case_id, review_id, proposed, final, "
	    "not_amended) VALUES (?1, CASE WHEN ?2 IS NULL THEN NULL ELSE "
	    "(SELECT id FROM review WHERE case_id = ?1 ORDER BY id LIMIT 1 "
	    "OFFSET ?2 - 1) END, ?3, ?4, ?5)", NULL, NULL },
	{ "phase_transfers", "phase_transfer", 0, c_phase, NCOLS(c_phase),
	    "SELECT transfer, kind FROM phase_transfer WHERE case_id = ?1 "
	    "ORDER BY id",
	    "INSERT INTO phase_transfer(case_id, transfer, kind) VALUES "
	    "(?1, ?2, ?3)", NULL, NULL },
	{ "notes", "note", 0, c_note, NCOLS(c_note),
	    "SELECT date, kind, author, text FROM note WHERE case_id = ?1 "
	    "ORDER BY id",
	    "INSERT INTO note(case_id, date, kind, author, text) VALUES "
	    "(?1, ?2, ?3, ?4, ?5)", NULL, NULL },
	{ "diary", "booking", 0, c_booking, NCOLS(c_booking),
	    "SELECT kind, date, time, place, invite, booked, held FROM booking "
	    "WHERE case_id = ?1 ORDER BY id",
	    "INSERT INTO booking(case_id, kind, date, time, place, invite, "
	    "booked, held) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)", NULL,
	    NULL },
	{ "needs", "need", 0, c_need, NCOLS(c_need),
	    "SELECT type, rank, start, end FROM need WHERE case_id = ?1 "
	    "ORDER BY id",
	    "INSERT INTO need(case_id, type, rank, start, end) VALUES (?1, "
	    "?2, ?3, coalesce(?4, (SELECT coalesce(final_date, received, "
	    "substr(created, 1, 10)) FROM cases WHERE id = ?1)), ?5)",
	    NULL, NULL },
	{ "placements", "placement", 0, c_placement, NCOLS(c_placement),
	    "SELECT seq, urn, ukprn, sen_setting, sen_setting_other, "
	    "placement_rank, entry, leaving, sen_unit, resourced, res, "
	    "wbp FROM placement WHERE case_id = ?1 ORDER BY seq",
	    "INSERT INTO placement(case_id, seq, urn, ukprn, sen_setting, "
	    "sen_setting_other, placement_rank, entry, leaving, sen_unit, "
	    "resourced, res, wbp) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, "
	    "?9, ?10, ?11, ?12, ?13)", NULL, NULL },
	{ "plan_details", "plan_detail", 0, c_plan_detail,
	    NCOLS(c_plan_detail),
	    "SELECT seq, urn, ukprn, sen_setting, sen_setting_other, "
	    "placement_rank, sen_unit, resourced, start, end, res, wbp "
	    "FROM plan_detail WHERE case_id = ?1 ORDER BY seq",
	    "INSERT INTO plan_detail(case_id, seq, urn, ukprn, "
	    "sen_setting, sen_setting_other, placement_rank, sen_unit, "
	    "resourced, start, end, res, wbp) VALUES (?1, ?2, ?3, ?4, ?5, ?6, "
	    "?7, ?8, ?9, coalesce(?10, (SELECT coalesce(final_date, received, "
	    "substr(created, 1, 10)) FROM cases WHERE id = ?1)), ?11, ?12, "
	    "?13)", NULL,
	    NULL },
	{ "cessations", "cessation", 0, c_cessation, NCOLS(c_cessation),
	    "SELECT proposed, decided, reason, appeal_lodged, "
	    "appeal_ended FROM cessation WHERE case_id = ?1 ORDER BY id",
	    "INSERT INTO cessation(case_id, proposed, decided, reason, "
	    "appeal_lodged, appeal_ended) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
	    NULL, NULL },
	{ "disputes", "dispute", 0, c_dispute, NCOLS(c_dispute),
	    "SELECT about, notice, contact, mediation, mediated, "
	    "certificate, appeal, decided, declined, agreement, "
	    "health_only, agreement_done, health_told, received, response "
	    "FROM dispute WHERE case_id = ?1 ORDER BY id",
	    "INSERT INTO dispute(case_id, about, notice, contact, "
	    "mediation, mediated, certificate, appeal, decided, declined, "
	    "agreement, health_only, agreement_done, health_told, received, "
	    "response) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, "
	    "?11, ?12, ?13, ?14, ?15, ?16)", NULL, NULL },
	{ "reassessments", "reassessment", 0, c_reassessment,
	    NCOLS(c_reassessment),
	    "SELECT requested, requester, decided, outcome, draft, final, "
	    "final_forced FROM reassessment WHERE case_id = ?1 ORDER BY id",
	    "INSERT INTO reassessment(case_id, requested, requester, "
	    "decided, outcome, draft, final, final_forced) VALUES (?1, ?2, "
	    "?3, ?4, ?5, ?6, ?7, ?8)", NULL, NULL },
	{ "tribunal_orders", "tribunal_order", 0, c_order, NCOLS(c_order),
	    "SELECT kind, made, id FROM tribunal_order WHERE case_id = ?1 "
	    "ORDER BY id",
	    "INSERT INTO tribunal_order(case_id, kind, made) VALUES (?1, "
	    "?2, ?3)", &order_steps, NULL },
	{ "la_transfers", "la_transfer", 0, c_la_transfer,
	    NCOLS(c_la_transfer),
	    "SELECT direction, other_la, move, aware, transferred, "
	    "reviewed, notified FROM la_transfer WHERE case_id = ?1 ORDER "
	    "BY id",
	    "INSERT INTO la_transfer(case_id, direction, other_la, move, "
	    "aware, transferred, reviewed, notified) VALUES (?1, ?2, ?3, "
	    "?4, ?5, ?6, ?7, ?8)", NULL, NULL },
	{ "funding", "funding", 0, c_funding, NCOLS(c_funding),
	    "SELECT kind, pence, per, start, end, provider, setting_type, "
	    "payer, covers, direct_payment, band, first_payment, reviewed, "
	    "organised FROM funding WHERE case_id = ?1 ORDER BY id",
	    "INSERT INTO funding(case_id, kind, pence, per, start, end, "
	    "provider, setting_type, payer, covers, direct_payment, band, "
	    "first_payment, reviewed, organised) VALUES (?1, ?2, ?3, ?4, ?5, "
	    "?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)", NULL, NULL },
	{ "plan_sections", "plan_section", 0, c_plan_section,
	    NCOLS(c_plan_section),
	    "SELECT section, text FROM plan_section WHERE case_id = ?1 "
	    "ORDER BY section",
	    "INSERT INTO plan_section(case_id, section, text) VALUES (?1, "
	    "?2, ?3)", NULL, NULL },
	{ "plan_items", "plan_item", 0, c_plan_item, NCOLS(c_plan_item),
	    "SELECT section, seq, text, amount, frequency, provider, pfa, "
	    "removed, id FROM plan_item WHERE case_id = ?1 ORDER BY id",
	    "INSERT INTO plan_item(case_id, section, seq, text, amount, "
	    "frequency, provider, pfa, removed) VALUES (?1, ?2, ?3, ?4, ?5, "
	    "?6, ?7, ?8, ?9)", &plan_links, check_plan_items },
	{ "outcome_progress", "outcome_progress", 0, c_progress,
	    NCOLS(c_progress),
	    "SELECT outcome, date, progress, note FROM outcome_progress "
	    "WHERE case_id = ?1 ORDER BY id",
	    "INSERT INTO outcome_progress(case_id, outcome, date, progress, "
	    "note) VALUES (?1, ?2, ?3, ?4, ?5)", NULL, NULL },
	{ "plan_versions", "plan_version", 0, c_plan_version,
	    NCOLS(c_plan_version),
	    "SELECT number, kind, date, CASE WHEN v.amendment_id IS NULL "
	    "THEN NULL ELSE (SELECT count(*) FROM amendment a WHERE "
	    "a.case_id = v.case_id AND a.id <= v.amendment_id) END, "
	    "created, user, content FROM plan_version v WHERE case_id = ?1 "
	    "ORDER BY number",
	    "INSERT INTO plan_version(case_id, number, kind, date, "
	    "amendment_id, created, user, content) VALUES (?1, ?2, ?3, ?4, "
	    "CASE WHEN ?5 IS NULL THEN NULL ELSE (SELECT id FROM amendment "
	    "WHERE case_id = ?1 ORDER BY id LIMIT 1 OFFSET ?5 - 1) END, ?6, "
	    "?7, ?8)", NULL, NULL },
	{ "deadlines", "deadline", S_DERIVED, c_deadline, NCOLS(c_deadline),
	    "SELECT seq, rule, rule_id, subject, due, done, void, "
	    "exception, advisory FROM deadline WHERE case_id = "
	    "?1 ORDER BY seq", NULL, NULL, NULL },
	/* What earlier senders sent, passed on as it came. */
	{ "history", "history", 0, c_history, NCOLS(c_history),
	    "SELECT source, imported, imported_by, at, user, action, detail "
	    "FROM history WHERE case_id = ?1 ORDER BY id",
	    "INSERT INTO history(case_id, source, imported, imported_by, "
	    "at, user, action, detail) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, "
	    "?8)", NULL, NULL },
	/*
	 * This store's audit records of the case, all of them.  Imported,
	 * they are the sender's evidence, never the importer's audit: they
	 * go to history, marked with the authority that sent them.
	 */
	{ "chronology", "audit", 0, c_chronology, NCOLS(c_chronology),
	    "SELECT at, user, action, detail FROM audit WHERE case_id = ?1 "
	    "ORDER BY id",
	    "INSERT INTO history(case_id, at, user, action, detail, source, "
	    "imported, imported_by) VALUES (?1, ?2, ?3, ?4, ?5, :source, "
	    ":imported, :by)", NULL, NULL },
};

#define NSECTIONS NCOLS(sections)

int
ehc__export_covers(const char *table, const char *column)
{
	const struct section *s;
	int i, j;

	for (i = 0; i < (int)NSECTIONS + 2; i++) {
		s = i < (int)NSECTIONS ? &sections[i] : i == (int)NSECTIONS ?
		    &order_steps : &plan_links;
		if (strcmp(s->table, table) != 0)
			continue;
		for (j = 0; j < s->ncols; j++)
			if (strcmp(s->cols[j].column, column) == 0)
				return 1;
	}
	return 0;
}

/*
 * Export.
 */

static cJSON *
value_json(const struct col *c, sqlite3_stmt *st, int i)
{
	if (c->kind == K_BOOL)
		return cJSON_CreateBool(sqlite3_column_int(st, i) != 0);
	if (sqlite3_column_type(st, i) == SQLITE_NULL)
		return cJSON_CreateNull();
	if (c->kind == K_INT || c->kind == K_REVIEW || c->kind == K_AMENDMENT)
		return cJSON_CreateNumber((double)sqlite3_column_int64(st, i));
	return cJSON_CreateString((const char *)sqlite3_column_text(st, i));
}

/* One row as an object: its columns in order. */
static int
row_json(struct ehc_db *db, const struct section *s, sqlite3_stmt *st,
    cJSON **out)
{
	char word[40];
	cJSON *o, *v;
	int i, rc;

	if ((*out = o = cJSON_CreateObject()) == NULL)
		return EHC_ENOMEM;
	for (i = 0; i < s->ncols; i++) {
		/*
		 * For an analyst (ehc_db_set_masked()), not who the child
		 * is, nor free text that may say it (notes, reasons, the
		 * plan, the audit's details): codes, dates and counts stay.
		 */
		snprintf(word, sizeof(word), " %s ", s->cols[i].key);
		if (db->masked && (((s->flags & S_PERSON) &&
		    strstr(" forename surname dob postcode upn uln ", word)
		    != NULL) || s->cols[i].kind == K_JSON ||
		    (s->cols[i].kind == K_TEXT && s->cols[i].max >= 2000)))
			v = cJSON_CreateNull();
		else
			v = value_json(&s->cols[i], st, i);
		if (v == NULL)
			return EHC_ENOMEM;
		if (!cJSON_AddItemToObject(o, s->cols[i].key, v)) {
			cJSON_Delete(v);
			return EHC_ENOMEM;
		}
	}
	if (s->child != NULL) {
		cJSON *arr = cJSON_AddArrayToObject(o, s->child->key), *c;
		sqlite3_stmt *cst;

		if (arr == NULL)
			return EHC_ENOMEM;
		if ((rc = ehc__db_prepare(db, &cst, s->child->select))
		    != EHC_OK)
			return rc;
		sqlite3_bind_int64(cst, 1, sqlite3_column_int64(st,
		    s->ncols));
		while ((rc = sqlite3_step(cst)) == SQLITE_ROW) {
			c = NULL;
			rc = row_json(db, s->child, cst, &c);
			if (rc != EHC_OK || !cJSON_AddItemToArray(arr, c)) {
				cJSON_Delete(c);
				sqlite3_finalize(cst);
				return rc != EHC_OK ? rc : EHC_ENOMEM;
			}
		}
		sqlite3_finalize(cst);
		if (rc != SQLITE_DONE)
			return ehc__db_error(db, rc, "reading a case");
	}
	return EHC_OK;
}

static int
section_json(struct ehc_db *db, const struct section *s, int64_t id,
    cJSON *doc)
{
	sqlite3_stmt *st;
	cJSON *arr = NULL, *o = NULL;
	int rc;

	if (!(s->flags & S_OBJECT) &&
	    (arr = cJSON_AddArrayToObject(doc, s->key)) == NULL)
		return EHC_ENOMEM;
	if ((rc = ehc__db_prepare(db, &st, s->select)) != EHC_OK)
		return rc;
	sqlite3_bind_int64(st, 1, id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		o = NULL;
		rc = row_json(db, s, st, &o);
		if (rc == EHC_OK && (arr != NULL ?
		    !cJSON_AddItemToArray(arr, o) :
		    !cJSON_AddItemToObject(doc, s->key, o)))
			rc = EHC_ENOMEM;
		if (rc != EHC_OK) {
			cJSON_Delete(o);
			sqlite3_finalize(st);
			return rc;
		}
		if (arr == NULL) {
			rc = SQLITE_DONE;
			break;
		}
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return ehc__db_error(db, rc, "reading a case");
	if (arr == NULL && o == NULL)
		return ehc__db_fail(db, EHC_ENOTFOUND, "no such case");
	return EHC_OK;
}

/* One case as a document; *out is the caller's to cJSON_Delete(). */
static int
case_doc(struct ehc_db *db, int64_t id, cJSON **out)
{
	sqlite3_stmt *st;
	cJSON *doc = NULL;
	const char *la;
	int rc, i;

	*out = NULL;
	/* Who sends it: an importer keeps the chronology as theirs. */
	if ((rc = ehc__db_prepare(db, &st, "SELECT ref, (SELECT value FROM "
	    "setting WHERE key = 'lea') FROM cases WHERE id = ?1")) != EHC_OK)
		return rc;
	sqlite3_bind_int64(st, 1, id);
	if ((rc = sqlite3_step(st)) != SQLITE_ROW) {
		rc = rc == SQLITE_DONE ? ehc__db_fail(db, EHC_ENOTFOUND,
		    "no such case") : ehc__db_error(db, rc, "reading a case");
		sqlite3_finalize(st);
		return rc;
	}
	la = (const char *)sqlite3_column_text(st, 1);
	rc = EHC_ENOMEM;
	if ((doc = cJSON_CreateObject()) == NULL ||
	    cJSON_AddNumberToObject(doc, "format_version",
	    EHC_JSON_FORMAT_VERSION) == NULL ||
	    cJSON_AddStringToObject(doc, "case",
	    (const char *)sqlite3_column_text(st, 0)) == NULL ||
	    (la != NULL ? cJSON_AddStringToObject(doc, "authority", la) :
	    cJSON_AddNullToObject(doc, "authority")) == NULL) {
		sqlite3_finalize(st);
		goto out;
	}
	sqlite3_finalize(st);
	for (i = 0; i < (int)NSECTIONS; i++)
		if ((rc = section_json(db, &sections[i], id, doc)) != EHC_OK)
			goto out;
	*out = doc;
	return EHC_OK;
out:
	cJSON_Delete(doc);
	if (rc == EHC_ENOMEM)
		ehc__db_fail(db, rc, "out of memory exporting the case");
	return rc;
}

/* A document as the caller's string. */
static int
print_doc(struct ehc_db *db, cJSON *doc, char **out)
{
	char *s;

	*out = NULL;
	if ((s = cJSON_PrintUnformatted(doc)) != NULL) {
		*out = strdup(s);
		cJSON_free(s);
	}
	cJSON_Delete(doc);
	if (*out == NULL)
		return ehc__db_fail(db, EHC_ENOMEM, "out of memory exporting "
		    "the case");
	return EHC_OK;
}

int
ehc_case_export_json(char **out, struct ehc_db *db, int64_t id)
{
	cJSON *doc;
	int rc;

	*out = NULL;
	if ((rc = case_doc(db, id, &doc)) != EHC_OK)
		return rc;
	return print_doc(db, doc, out);
}

int
ehc_person_export_json(char **out, struct ehc_db *db, int64_t id)
{
	sqlite3_stmt *st;
	cJSON *doc, *cases, *one;
	int rc;

	*out = NULL;
	if ((rc = ehc__db_prepare(db, &st, "SELECT c.id FROM cases c WHERE "
	    "c.person_id = (SELECT person_id FROM cases WHERE id = ?1) ORDER "
	    "BY c.id")) != EHC_OK)
		return rc;
	sqlite3_bind_int64(st, 1, id);
	if ((doc = cJSON_CreateObject()) == NULL ||
	    cJSON_AddNumberToObject(doc, "format_version",
	    EHC_JSON_FORMAT_VERSION) == NULL ||
	    (cases = cJSON_AddArrayToObject(doc, "cases")) == NULL) {
		rc = ehc__db_fail(db, EHC_ENOMEM, "out of memory exporting "
		    "the cases");
		goto out;
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if ((rc = case_doc(db, sqlite3_column_int64(st, 0), &one))
		    != EHC_OK)
			goto out;
		if (!cJSON_AddItemToArray(cases, one)) {
			cJSON_Delete(one);
			rc = ehc__db_fail(db, EHC_ENOMEM, "out of memory "
			    "exporting the cases");
			goto out;
		}
	}
	if (rc != SQLITE_DONE) {
		rc = ehc__db_error(db, rc, "reading the cases");
		goto out;
	}
	if (cJSON_GetArraySize(cases) == 0) {
		rc = ehc__db_fail(db, EHC_ENOTFOUND, "no such case");
		goto out;
	}
	sqlite3_finalize(st);
	return print_doc(db, doc, out);
out:
	sqlite3_finalize(st);
	cJSON_Delete(doc);
	return rc;
}

/*
 * Import: first check everything, then write.
 */

struct check {
	struct ehc_db		*db;
	long long		*seqs;		/* the advice, sorted */
	size_t			 nseqs;
	int			 nreviews;
	int			 namendments;
};

/* A value quoted into a message: short, and never a control character. */
static const char *
quoted(const char *s, char *buf, size_t len)
{
	size_t i;

	for (i = 0; s[i] != '\0' && i + 4 < len; i++)
		buf[i] = (unsigned char)s[i] < 0x20 || s[i] == 0x7f ? '?' :
		    s[i];
	if (s[i] != '\0' && i >= 3) {
		buf[i - 3] = buf[i - 2] = buf[i - 1] = '.';
	}
	buf[i] = '\0';
	return buf;
}

static int
bad(struct check *k, const char *path, const char *msg)
{
	return ehc__db_fail(k->db, EHC_EINVAL, "the case file's %s %s", path,
	    msg);
}

/* The same, quoting the value found: "the case file's P 'V' msg". */
static int
badv(struct check *k, const char *path, const char *value, const char *msg)
{
	char q[40];

	return ehc__db_fail(k->db, EHC_EINVAL, "the case file's %s '%s' %s",
	    path, quoted(value, q, sizeof(q)), msg);
}
static int
is_time(const char *s)
{
	int32_t day;
	char d[EHC_DATE_LEN];
	int i;

	if (strlen(s) != 20 || s[10] != 'T' || s[13] != ':' || s[16] != ':' ||
	    s[19] != 'Z')
		return 0;
	for (i = 11; i < 19; i++)
		if (i != 13 && i != 16 && (s[i] < '0' || s[i] > '9'))
			return 0;
	memcpy(d, s, 10);
	d[10] = '\0';
	if (d[4] != '-' || ehc_date_parse(&day, d) != EHC_OK)
		return 0;
	return (s[11] - '0') * 10 + (s[12] - '0') < 24 &&
	    (s[14] - '0') * 10 + (s[15] - '0') < 60 &&
	    (s[17] - '0') * 10 + (s[18] - '0') < 61;
}

/* Parse "A<seq>"; 0 if it is not that form. */
static int
advice_ref(const char *s, long long *seq)
{
	long long v = 0;
	const char *p;

	if (s[0] != 'A' || s[1] < '1' || s[1] > '9' || strlen(s) > 6)
		return 0;
	for (p = s + 1; *p >= '0' && *p <= '9'; p++)
		v = v * 10 + (*p - '0');
	if (*p != '\0')
		return 0;
	*seq = v;
	return 1;
}

static int
cmp_ll(const void *a, const void *b)
{
	long long x = *(const long long *)a, y = *(const long long *)b;

	return x < y ? -1 : x > y;
}

static int
check_value(struct check *k, const struct col *c, const cJSON *v,
    const char *path)
{
	const char *const *e;
	const char *s, *fault;
	long long seq;
	double d;
	int32_t day;
	size_t n;

	if (v == NULL || cJSON_IsNull(v)) {
		if (c->flags & REQ)
			return bad(k, path, "is required");
		return EHC_OK;
	}
	switch (c->kind) {
	case K_BOOL:
		if (!cJSON_IsBool(v))
			return bad(k, path, "must be true or false");
		return EHC_OK;
	case K_INT:
	case K_REVIEW:
	case K_AMENDMENT:
		if (!cJSON_IsNumber(v))
			return bad(k, path, "must be a whole number");
		d = v->valuedouble;
		if (c->kind != K_INT) {
			int most = c->kind == K_REVIEW ? k->nreviews :
			    k->namendments;
			char m[96];

			if (d >= 1 && d <= most && d == (double)(long long)d)
				return EHC_OK;
			snprintf(m, sizeof(m), "must be from 1 to the number "
			    "of %s (%d)", c->kind == K_REVIEW ? "reviews" :
			    "amendments", most);
			return bad(k, path, m);
		}
		if (c->kind == K_INT && (d < (double)c->min ||
		    d > (double)c->max || d != (double)(long long)d)) {
			char m[96];

			snprintf(m, sizeof(m), "must be a whole number from "
			    "%lld to %lld", c->min, c->max);
			return bad(k, path, m);
		}
		return EHC_OK;
	default:
		break;
	}
	if (!cJSON_IsString(v) || v->valuestring == NULL)
		return bad(k, path, "must be a string");
	s = v->valuestring;
	n = strlen(s);
	switch (c->kind) {
	case K_TEXT:
		if ((fault = ehc__text_fault(s, n, (size_t)c->max,
		    ((c->flags & TABS) ? EHC__TEXT_TABS : 0) |
		    ((c->flags & LINES) ? EHC__TEXT_LINES : 0))) != NULL) {
			char m[96];

			snprintf(m, sizeof(m), "is longer than %lld "
			    "characters", c->max);
			return bad(k, path, strcmp(fault, "is too long") == 0 ?
			    m : fault);
		}
		if (n == 0 && (c->flags & REQ))
			return bad(k, path, "is required");
		return EHC_OK;
	case K_JSON:
		if ((long long)n > c->max) {
			char m[96];

			snprintf(m, sizeof(m), "is longer than %lld "
			    "bytes", c->max);
			return bad(k, path, m);
		}
		if (!ehc__utf8_ok(s))
			return bad(k, path, "is not valid UTF-8");
		{
			cJSON *j = cJSON_ParseWithLength(s, n);

			if (j == NULL)
				return bad(k, path, "is not a JSON document");
			cJSON_Delete(j);
		}
		return EHC_OK;
	case K_WORD:
	case K_DIGITS:
		if ((long long)n > c->max || n == 0 ||
		    (c->kind == K_DIGITS && (long long)n < c->min))
			goto badword;
		for (; *s != '\0'; s++)
			if (!((*s >= '0' && *s <= '9') || (c->kind == K_WORD &&
			    ((*s >= 'A' && *s <= 'Z') ||
			    (*s >= 'a' && *s <= 'z') || *s == ' ' ||
			    *s == '-'))))
				goto badword;
		return EHC_OK;
	badword:
		if (c->kind == K_DIGITS)
			return badv(k, path, v->valuestring, "is not the "
			    "right number of digits");
		return badv(k, path, v->valuestring, "is not a short code "
		    "(letters, digits, spaces and hyphens)");
	case K_ENUM:
		for (e = c->values; *e != NULL; e++)
			if (strcmp(*e, s) == 0)
				return EHC_OK;
		{
			char m[256];
			size_t len;

			snprintf(m, sizeof(m), "is not one of");
			for (e = c->values; *e != NULL; e++) {
				len = strlen(m);
				snprintf(m + len, sizeof(m) - len, " %s", *e);
			}
			return badv(k, path, s, m);
		}
	case K_DATE:
		if (n != 10 || s[4] != '-' ||
		    ehc_date_parse(&day, s) != EHC_OK)
			return badv(k, path, s, "is not a date (YYYY-MM-DD)");
		return EHC_OK;
	case K_TIME:
		if (!is_time(s))
			return badv(k, path, s, "is not a UTC time "
			    "(YYYY-MM-DDTHH:MM:SSZ)");
		return EHC_OK;
	case K_UPN:
		if (!ehc_upn_valid(s))
			return badv(k, path, s, "is not a valid UPN");
		return EHC_OK;
	case K_ADVICE:
		if (!advice_ref(s, &seq) || bsearch(&seq, k->seqs, k->nseqs,
		    sizeof(*k->seqs), cmp_ll) == NULL)
			return badv(k, path, s, "names no advice in the file");
		return EHC_OK;
	default:
		return bad(k, path, "has a value of an unknown kind");
	}
}

/*
 * Uniqueness, by sorting: a key is a string, a number or both (a plan
 * item's section and seq) with the row's index.
 */
struct key {
	const char	*str;
	double		 num;
	int		 idx;
};

static int
cmp_key(const void *a, const void *b)
{
	const struct key *x = a, *y = b;
	int c = strcmp(x->str, y->str);

	if (c != 0)
		return c;
	if (x->num != y->num)
		return x->num < y->num ? -1 : 1;
	return x->idx - y->idx;
}

/*
 * The keys of the rows of arr (skey a string field, nkey a number
 * field; either may be NULL), sorted.  NULL on out of memory (or an
 * empty array: *n is then 0).
 */
static struct key *
keys_of(const cJSON *arr, const char *skey, const char *nkey, int *n)
{
	const cJSON *o, *v;
	struct key *keys;
	int i = 0;

	*n = cJSON_GetArraySize(arr);
	if (*n == 0 || (keys = calloc((size_t)*n, sizeof(*keys))) == NULL)
		return NULL;
	cJSON_ArrayForEach(o, arr) {
		keys[i].str = "";
		keys[i].idx = i;
		if (skey != NULL && cJSON_IsString(v =
		    cJSON_GetObjectItemCaseSensitive(o, skey)))
			keys[i].str = v->valuestring;
		if (nkey != NULL && cJSON_IsNumber(v =
		    cJSON_GetObjectItemCaseSensitive(o, nkey)))
			keys[i].num = v->valuedouble;
		i++;
	}
	qsort(keys, (size_t)*n, sizeof(*keys), cmp_key);
	return keys;
}

/*
 * The first row that repeats the key of an earlier one, or -1; -2 on
 * out of memory.
 */
static int
first_repeat(const cJSON *arr, const char *skey, const char *nkey)
{
	struct key *keys;
	int i, n, at = -1;

	if ((keys = keys_of(arr, skey, nkey, &n)) == NULL)
		return n == 0 ? -1 : -2;
	for (i = 1; i < n; i++)
		if (strcmp(keys[i].str, keys[i - 1].str) == 0 &&
		    keys[i].num == keys[i - 1].num &&
		    (at < 0 || keys[i].idx < at))
			at = keys[i].idx;
	free(keys);
	return at;
}

/* The same, ignoring the row: for looking a key up. */
static int
cmp_item(const void *a, const void *b)
{
	const struct key *x = a, *y = b;
	int c = strcmp(x->str, y->str);

	if (c != 0)
		return c;
	return x->num < y->num ? -1 : x->num > y->num;
}

static int	check_array(struct check *, const struct section *,
		    const cJSON *, const char *, int);

static int
check_object(struct check *k, const struct section *s, const cJSON *o,
    const char *where)
{
	const cJSON *f, *v;
	char path[PATH_LEN + 16], q[40];
	int i, rc;

	if (!cJSON_IsObject(o))
		return bad(k, where, "must be an object");
	/* No field the format does not know: nothing may be lost. */
	cJSON_ArrayForEach(f, o) {
		for (i = 0; i < s->ncols; i++)
			if (strcmp(f->string, s->cols[i].key) == 0)
				break;
		if (i == s->ncols && (s->child == NULL ||
		    strcmp(f->string, s->child->key) != 0))
			return ehc__db_fail(k->db, EHC_EINVAL, "the case "
			    "file's %s has an unknown field '%s'", where,
			    quoted(f->string, q, sizeof(q)));
	}
	for (i = 0; i < s->ncols; i++) {
		snprintf(path, sizeof(path), "%s.%s", where, s->cols[i].key);
		v = cJSON_GetObjectItemCaseSensitive(o, s->cols[i].key);
		if ((rc = check_value(k, &s->cols[i], v, path)) != EHC_OK)
			return rc;
	}
	if (s->child != NULL) {
		v = cJSON_GetObjectItemCaseSensitive(o, s->child->key);
		snprintf(path, sizeof(path), "%s.%s", where, s->child->key);
		if (v != NULL && !cJSON_IsNull(v) &&
		    (rc = check_array(k, s->child, v, path, CHILD_MAX))
		    != EHC_OK)
			return rc;
	}
	return EHC_OK;
}

/*
 * An array section: at most max rows, each checked, then the columns
 * that must be unique.
 */
static int
check_array(struct check *k, const struct section *s, const cJSON *arr,
    const char *where, int max)
{
	const cJSON *o;
	char path[PATH_LEN + 16], m[64];
	int i, j = 0, rc;

	if (!cJSON_IsArray(arr))
		return bad(k, where, "must be an array");
	if (cJSON_GetArraySize(arr) > max) {
		snprintf(m, sizeof(m), "has more than %d entries", max);
		return bad(k, where, m);
	}
	cJSON_ArrayForEach(o, arr) {
		snprintf(path, sizeof(path), "%s[%d]", where, j);
		if ((rc = check_object(k, s, o, path)) != EHC_OK)
			return rc;
		j++;
	}
	for (i = 0; i < s->ncols; i++) {
		if (!(s->cols[i].flags & UNIQ))
			continue;
		j = s->cols[i].kind == K_INT ?
		    first_repeat(arr, NULL, s->cols[i].key) :
		    first_repeat(arr, s->cols[i].key, NULL);
		if (j == -2)
			return ehc__db_fail(k->db, EHC_ENOMEM, "out of "
			    "memory checking the case file");
		if (j >= 0) {
			snprintf(path, sizeof(path), "%s[%d].%s", where, j,
			    s->cols[i].key);
			return bad(k, path, "repeats a value given before");
		}
	}
	return s->check != NULL ? s->check(k, arr) : EHC_OK;
}

static int
check_doc(struct check *k, const cJSON *doc)
{
	const struct section *s;
	const cJSON *f, *v, *o;
	char q[40];
	int i, j, rc;
	int32_t dob, received;

	if (!cJSON_IsObject(doc))
		return ehc__db_fail(k->db, EHC_EINVAL, "the case file is not "
		    "a JSON object; give a file written by 'ehc export'");
	f = cJSON_GetObjectItemCaseSensitive(doc, "format");
	v = cJSON_GetObjectItemCaseSensitive(doc, "format_version");
	if (f != NULL && !(cJSON_IsString(f) && strcmp(f->valuestring,
	    OLD_FORMAT_NAME) == 0))
		return ehc__db_fail(k->db, EHC_EINVAL, "the file is not an "
		    "ehc case (its \"format\" is not \"" OLD_FORMAT_NAME
		    "\"); give a file written by 'ehc export'");
	if (!cJSON_IsNumber(v) || v->valuedouble != (f != NULL ?
	    OLD_FORMAT_VERSION : EHC_JSON_FORMAT_VERSION))
		return ehc__db_fail(k->db, EHC_EINVAL, "the case file's "
		    "format_version is not one this ehc reads: %d, or %d "
		    "with \"format\": \"" OLD_FORMAT_NAME "\"",
		    EHC_JSON_FORMAT_VERSION, OLD_FORMAT_VERSION);
	v = cJSON_GetObjectItemCaseSensitive(doc, "case");
	if (v != NULL && !cJSON_IsNull(v)) {
		static const struct col ref = { "case", "ref", K_WORD, 0, 0,
		    EHC_REF_LEN - 1, NULL };

		if ((rc = check_value(k, &ref, v, "case")) != EHC_OK)
			return rc;
	}
	v = cJSON_GetObjectItemCaseSensitive(doc, "authority");
	if (v != NULL && !cJSON_IsNull(v)) {
		static const struct col la = { "authority", "source", K_TEXT,
		    0, 0, 100, NULL };

		if ((rc = check_value(k, &la, v, "authority")) != EHC_OK)
			return rc;
	}
	cJSON_ArrayForEach(f, doc) {
		if (strcmp(f->string, "format") == 0 ||
		    strcmp(f->string, "format_version") == 0 ||
		    strcmp(f->string, "case") == 0 ||
		    strcmp(f->string, "authority") == 0)
			continue;
		for (i = 0; i < (int)NSECTIONS; i++)
			if (strcmp(f->string, sections[i].key) == 0)
				break;
		if (i == (int)NSECTIONS)
			return ehc__db_fail(k->db, EHC_EINVAL, "the case file "
			    "has an unknown field '%s'", quoted(f->string, q,
			    sizeof(q)));
	}
	for (i = 0; i < (int)NSECTIONS; i++) {
		s = &sections[i];
		v = cJSON_GetObjectItemCaseSensitive(doc, s->key);
		if (s->flags & S_OBJECT) {
			if (v == NULL || cJSON_IsNull(v))
				return bad(k, s->key, "is required");
			if ((rc = check_object(k, s, v, s->key))
			    != EHC_OK)
				return rc;
			continue;
		}
		if (v == NULL || cJSON_IsNull(v))
			continue;
		if ((rc = check_array(k, s, v, s->key, ARRAY_MAX)) != EHC_OK)
			return rc;
		j = cJSON_GetArraySize(v);
		if (strcmp(s->key, "advice") == 0 && j > 0) {
			if ((k->seqs = calloc((size_t)j, sizeof(*k->seqs)))
			    == NULL)
				return ehc__db_fail(k->db, EHC_ENOMEM, "out of "
				    "memory checking the case file");
			cJSON_ArrayForEach(o, v) {
				f = cJSON_GetObjectItemCaseSensitive(o, "seq");
				k->seqs[k->nseqs++] = (long long)f->valuedouble;
			}
			qsort(k->seqs, k->nseqs, sizeof(*k->seqs), cmp_ll);
		} else if (strcmp(s->key, "reviews") == 0)
			k->nreviews = j;
		else if (strcmp(s->key, "amendments") == 0)
			k->namendments = j;
	}
	/* The dates everything else hangs from. */
	o = cJSON_GetObjectItemCaseSensitive(doc, "person");
	ehc_date_parse(&dob,
	    cJSON_GetObjectItemCaseSensitive(o, "dob")->valuestring);
	if (k->db->today != EHC_NO_DATE && dob > k->db->today)
		return bad(k, "person.dob", "is after today");
	o = cJSON_GetObjectItemCaseSensitive(doc, "record");
	v = cJSON_GetObjectItemCaseSensitive(o, "received");
	if (cJSON_IsString(v)) {
		ehc_date_parse(&received, v->valuestring);
		if (received < dob)
			return bad(k, "record.received", "is before the date "
			    "of birth");
		if (k->db->today != EHC_NO_DATE && received > k->db->today)
			return bad(k, "record.received", "is after today");
	}
	return EHC_OK;
}

/* Bind a checked value. */
static int
bind_value(sqlite3_stmt *st, int idx, const struct col *c, const cJSON *v)
{
	long long seq;
	const char *s;

	if (c->kind == K_BOOL)
		return sqlite3_bind_int(st, idx, cJSON_IsTrue(v));
	if (v == NULL || cJSON_IsNull(v))
		return sqlite3_bind_null(st, idx);
	if (c->kind == K_INT || c->kind == K_REVIEW || c->kind == K_AMENDMENT)
		return sqlite3_bind_int64(st, idx, (sqlite3_int64)
		    v->valuedouble);
	s = v->valuestring;
	if (c->kind == K_ADVICE) {
		for (seq = 0, s++; *s != '\0'; s++)
			seq = seq * 10 + (*s - '0');
		return sqlite3_bind_int64(st, idx, seq);
	}
	return sqlite3_bind_text(st, idx, s, -1, SQLITE_STATIC);
}

/* Where an imported chronology came from: :source, :imported, :by. */
struct origin {
	const char	*source;	/* the sending authority, or NULL */
	char		 imported[32];	/* now, UTC */
	const char	*by;		/* the importing user */
};

/* Run s->write for object o with ?1 = id; the new row's id to *row. */
static int
write_row(struct ehc_db *db, const struct section *s, const cJSON *o,
    int64_t id, int64_t *row, const struct origin *org)
{
	sqlite3_stmt *st;
	const cJSON *f, *arr;
	int64_t child;
	int i, rc;

	if ((rc = ehc__db_prepare(db, &st, s->write)) != EHC_OK)
		return rc;
	sqlite3_bind_int64(st, 1, id);
	for (i = 0; i < s->ncols; i++)
		bind_value(st, i + 2, &s->cols[i],
		    cJSON_GetObjectItemCaseSensitive(o, s->cols[i].key));
	if ((i = sqlite3_bind_parameter_index(st, ":source")) > 0) {
		ehc__bind_text(st, i, org->source);
		sqlite3_bind_text(st, sqlite3_bind_parameter_index(st,
		    ":imported"), org->imported, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, sqlite3_bind_parameter_index(st, ":by"),
		    org->by, -1, SQLITE_STATIC);
	}
	rc = ehc__db_step_done(db, st, "importing a case");
	sqlite3_finalize(st);
	if (rc != EHC_OK)
		return rc;
	if (row != NULL)
		*row = sqlite3_last_insert_rowid(db->h);
	if (s->child == NULL || (s->child->flags & S_LATE))
		return EHC_OK;
	child = sqlite3_last_insert_rowid(db->h);
	arr = cJSON_GetObjectItemCaseSensitive(o, s->child->key);
	cJSON_ArrayForEach(f, arr)
		if ((rc = write_row(db, s->child, f, child, NULL, org))
		    != EHC_OK)
			return rc;
	return EHC_OK;
}

/*
 * The rows of one array section.  Children marked S_LATE (links between
 * the rows) are written once every row is there.
 */
static int
write_rows(struct ehc_db *db, const struct section *s, const cJSON *arr,
    int64_t id, const struct origin *org)
{
	const cJSON *o, *f;
	int64_t *rows = NULL;
	int i = 0, n = cJSON_GetArraySize(arr), rc = EHC_OK;
	int late = s->child != NULL && (s->child->flags & S_LATE);

	if (late && n > 0 && (rows = calloc((size_t)n, sizeof(*rows)))
	    == NULL)
		return ehc__db_fail(db, EHC_ENOMEM, "out of memory importing "
		    "the case");
	cJSON_ArrayForEach(o, arr) {
		if ((rc = write_row(db, s, o, id, late ? &rows[i] : NULL,
		    org)) != EHC_OK)
			goto out;
		i++;
	}
	i = 0;
	if (late)
		cJSON_ArrayForEach(o, arr) {
			cJSON_ArrayForEach(f, cJSON_GetObjectItemCaseSensitive(
			    o, s->child->key))
				if ((rc = write_row(db, s->child, f, rows[i],
				    NULL, org)) != EHC_OK)
					goto out;
			i++;
		}
out:
	free(rows);
	return rc;
}

/* Plan items: (section, seq) unique; links name items in the file. */
static int
check_plan_items(struct check *k, const cJSON *arr)
{
	const cJSON *o, *l, *v;
	struct key *keys, want;
	char path[PATH_LEN];
	int i = 0, j, n, rc = EHC_OK;

	if ((j = first_repeat(arr, "section", "seq")) >= 0) {
		snprintf(path, sizeof(path), "plan_items[%d]", j);
		return bad(k, path, "repeats the section and seq of an "
		    "earlier item");
	}
	if ((keys = keys_of(arr, "section", "seq", &n)) == NULL)
		return n == 0 ? EHC_OK : ehc__db_fail(k->db, EHC_ENOMEM,
		    "out of memory checking the case file");
	cJSON_ArrayForEach(o, arr) {
		v = cJSON_GetObjectItemCaseSensitive(o, "links");
		snprintf(path, sizeof(path), "plan_items[%d].links", i);
		if ((j = first_repeat(v, "section", "seq")) >= 0) {
			rc = bad(k, path, "repeats a link");
			break;
		}
		j = 0;
		cJSON_ArrayForEach(l, v) {
			want.str = cJSON_GetObjectItemCaseSensitive(l,
			    "section")->valuestring;
			want.num = cJSON_GetObjectItemCaseSensitive(l,
			    "seq")->valuedouble;
			want.idx = 0;
			if (bsearch(&want, keys, (size_t)n, sizeof(*keys),
			    cmp_item) == NULL) {
				snprintf(path, sizeof(path),
				    "plan_items[%d].links[%d]", i, j);
				rc = bad(k, path, "names no item in the file");
				goto out;
			}
			j++;
		}
		i++;
	}
out:
	free(keys);
	return rc;
}

/* The person: reused when the UPN, names and date of birth all match. */
static int
write_person(struct ehc_db *db, const struct section *s, const cJSON *o,
    int64_t *person)
{
	sqlite3_stmt *st;
	const cJSON *upn = cJSON_GetObjectItemCaseSensitive(o, "upn");
	int rc, same;

	if (cJSON_IsString(upn)) {
		if ((rc = ehc__db_prepare(db, &st, "SELECT id, forename = ?2 "
		    "AND surname = ?3 AND dob = ?4 FROM person WHERE upn = ?1 "
		    "ORDER BY id LIMIT 1")) != EHC_OK)
			return rc;
		sqlite3_bind_text(st, 1, upn->valuestring, -1, SQLITE_STATIC);
		bind_value(st, 2, &s->cols[0],
		    cJSON_GetObjectItemCaseSensitive(o, "forename"));
		bind_value(st, 3, &s->cols[1],
		    cJSON_GetObjectItemCaseSensitive(o, "surname"));
		bind_value(st, 4, &s->cols[2],
		    cJSON_GetObjectItemCaseSensitive(o, "dob"));
		rc = sqlite3_step(st);
		if (rc == SQLITE_ROW) {
			*person = sqlite3_column_int64(st, 0);
			same = sqlite3_column_int(st, 1);
			sqlite3_finalize(st);
			if (!same)
				return ehc__db_fail(db, EHC_EINVAL, "the case "
				    "file's person.upn belongs to another "
				    "person in this store (the name or date "
				    "of birth differs); check the file");
			return EHC_OK;
		}
		sqlite3_finalize(st);
		if (rc != SQLITE_DONE)
			return ehc__db_error(db, rc, "finding the person");
	}
	return write_row(db, s, o, 0, person, NULL);
}

static int
write_doc(struct ehc_db *db, const cJSON *doc, char *ref_out)
{
	const struct ehc_request_in in = EHC_REQUEST_IN_INIT;
	const struct section *s;
	struct origin org;
	const cJSON *v, *from;
	int64_t person = 0, id = 0;
	char ref[EHC_REF_LEN], detail[160];
	time_t now = time(NULL);
	struct tm tm;
	int i, rc, n = 0;

	v = cJSON_GetObjectItemCaseSensitive(doc, "authority");
	org.source = cJSON_IsString(v) ? v->valuestring : NULL;
	gmtime_r(&now, &tm);
	strftime(org.imported, sizeof(org.imported), "%Y-%m-%dT%H:%M:%SZ",
	    &tm);
	org.by = db->user ? db->user : "unknown";
	for (i = 0; i < (int)NSECTIONS; i++) {
		s = &sections[i];
		v = cJSON_GetObjectItemCaseSensitive(doc, s->key);
		if (s->flags & S_PERSON) {
			if ((rc = write_person(db, s, v, &person)) != EHC_OK)
				return rc;
		} else if (s->flags & S_RECORD) {
			if ((rc = ehc__case_insert(db, person, &in, &id, ref))
			    != EHC_OK ||
			    (rc = write_row(db, s, v, id, NULL, &org))
			    != EHC_OK)
				return rc;
		} else if (!(s->flags & S_DERIVED)) {
			if ((rc = write_rows(db, s, v, id, &org)) != EHC_OK)
				return rc;
			if (strcmp(s->table, "audit") == 0 ||
			    strcmp(s->table, "history") == 0)
				n += cJSON_GetArraySize(v);
		}
	}
	from = cJSON_GetObjectItemCaseSensitive(doc, "case");
	snprintf(detail, sizeof(detail), "%s%.32s%s%s%.100s%shistory=%d",
	    cJSON_IsString(from) ? "from=" : "",
	    cJSON_IsString(from) ? from->valuestring : "",
	    cJSON_IsString(from) ? " " : "", org.source ? "authority=" : "",
	    org.source ? org.source : "", org.source ? " " : "", n);
	if ((rc = ehc__audit(db, id, "case import", detail)) != EHC_OK ||
	    (rc = ehc__clock_refresh(db, id)) != EHC_OK)
		return rc;
	snprintf(ref_out, EHC_REF_LEN, "%s", ref);
	return EHC_OK;
}

int
ehc_case_import_json(char *ref_out, size_t ref_len, struct ehc_db *db,
    const char *json, size_t len)
{
	struct check k;
	cJSON *doc;
	const char *end = NULL;
	int rc;

	memset(&k, 0, sizeof(k));
	k.db = db;
	if ((rc = ehc__check_out(db, ref_out, ref_len, EHC_REF_LEN))
	    != EHC_OK)
		return rc;
	if (json == NULL || len == 0)
		return ehc__db_fail(db, EHC_EINVAL, "the case file is empty; "
		    "give a file written by 'ehc export'");
	if ((doc = cJSON_ParseWithLengthOpts(json, len, &end, 0)) == NULL) {
		if (end == NULL)
			end = cJSON_GetErrorPtr();
		return ehc__db_fail(db, EHC_EINVAL, "the case file is not "
		    "valid JSON (at byte %lld); give a file written by 'ehc "
		    "export'", end != NULL && end >= json && end <= json + len ?
		    (long long)(end - json) : 0LL);
	}
	for (; end != NULL && end < json + len; end++)
		if (*end != ' ' && *end != '\t' && *end != '\n' &&
		    *end != '\r') {
			rc = ehc__db_fail(db, EHC_EINVAL, "the case file has "
			    "more after its JSON object (at byte %lld); give "
			    "a file written by 'ehc export'",
			    (long long)(end - json));
			goto out;
		}
	if ((rc = ehc__check_json(db, "the case file", json, len, doc))
	    != EHC_OK || (rc = check_doc(&k, doc)) != EHC_OK)
		goto out;
	if ((rc = ehc__db_exec(db, "SAVEPOINT ehc_case_import")) != EHC_OK)
		goto out;
	if ((rc = write_doc(db, doc, ref_out)) != EHC_OK) {
		sqlite3_exec(db->h, "ROLLBACK TO ehc_case_import", NULL, NULL,
		    NULL);
		sqlite3_exec(db->h, "RELEASE ehc_case_import", NULL, NULL,
		    NULL);
		goto out;
	}
	rc = ehc__db_exec(db, "RELEASE ehc_case_import");
out:
	free(k.seqs);
	cJSON_Delete(doc);
	return rc;
}

int
ehc_case_import_file(char *ref_out, size_t ref_len, struct ehc_db *db,
    const char *path)
{
	FILE *fp;
	char *buf = NULL, *p;
	size_t len = 0, cap = 0, n;
	int rc;

	if ((rc = ehc__check_out(db, ref_out, ref_len, EHC_REF_LEN))
	    != EHC_OK)
		return rc;
	if ((fp = fopen(path, "rb")) == NULL)
		return ehc__db_fail(db, EHC_ENOINPUT, "cannot open '%s': %s; "
		    "name a file written by 'ehc export'", path,
		    strerror(errno));
	for (;;) {
		if (cap - len < 65536) {
			cap = cap ? 2 * cap : 65536;
			if (cap > (size_t)FILE_MAX + 65536) {
				rc = ehc__db_fail(db, EHC_EINVAL, "'%s' is "
				    "larger than %ld MiB; it is not a case "
				    "file", path, FILE_MAX >> 20);
				goto out;
			}
			if ((p = realloc(buf, cap)) == NULL) {
				rc = ehc__db_fail(db, EHC_ENOMEM, "out of "
				    "memory reading '%s'", path);
				goto out;
			}
			buf = p;
		}
		n = fread(buf + len, 1, cap - len, fp);
		len += n;
		if (n == 0)
			break;
	}
	if (ferror(fp)) {
		rc = ehc__db_fail(db, errno == EISDIR ? EHC_ENOINPUT : EHC_EIO,
		    "cannot read '%s': %s", path, strerror(errno));
		goto out;
	}
	rc = ehc_case_import_json(ref_out, ref_len, db, buf, len);
out:
	free(buf);
	fclose(fp);
	return rc;
}
