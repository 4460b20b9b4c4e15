/*
 * internal.h: private to libehc; the first include of every lib source.
 * Declarations are grouped by layer, lowest first (README): a file uses
 * what its own layer's section and the sections before it declare,
 * never what a later section declares.
 */
#ifndef EHC_INTERNAL_H
#define EHC_INTERNAL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdint.h>
#include <sqlite3.h>

#include <ehc/ehc.h>

/* ------------------------------------------------------------------
 * The base: pure functions and data, no store (lib/base/).
 */

/*
 * Make *p, an array of *cap elements of size bytes, hold at least want
 * (doubling); 0, or -1 out of memory with *p as it was (common.c).
 */
int	ehc__grow(void **p, size_t *cap, size_t want, size_t size);

/* SHA-256 (sha256.c). */
#define EHC__SHA256_HEX 65	/* 64 hex digits and a NUL */
struct ehc__sha256 {
	uint32_t	 h[8];
	uint64_t	 len;
	unsigned char	 buf[64];
	size_t		 nbuf;
};
void	ehc__sha256_init(struct ehc__sha256 *c);
void	ehc__sha256_update(struct ehc__sha256 *c, const void *data,
	    size_t len);
void	ehc__sha256_final(struct ehc__sha256 *c, unsigned char out[32]);
void	ehc__sha256_hex_final(struct ehc__sha256 *c,
	    char out[EHC__SHA256_HEX]);
void	ehc__sha256_hex(const void *data, size_t len,
	    char out[EHC__SHA256_HEX]);
/* 1: portable C even where the SHA extensions are; 0: as the processor
 * allows (for the tests). */
void	ehc__sha256_portable(int yes);
/* n bytes as 2n lower-case hex digits and a NUL (sha256.c). */
void	ehc__hex(char *out, const unsigned char *bytes, size_t n);

/*
 * HMAC-SHA-256 (hmac.c).  ehc__hmac_key() prepares a key once; each MAC
 * starts from a copy of it (struct assignment), is fed with
 * ehc__hmac_update() and ended with one of the finals.
 */
struct ehc__hmac {
	struct ehc__sha256	 inner, outer;
};
void	ehc__hmac_key(struct ehc__hmac *k, const void *key, size_t len);
void	ehc__hmac_update(struct ehc__hmac *c, const void *data, size_t len);
/* One field of a MAC's input as "<len>:<bytes>": no two inputs collide. */
void	ehc__hmac_field(struct ehc__hmac *c, const void *data, size_t len);
void	ehc__hmac_final(struct ehc__hmac *c, unsigned char out[32]);
void	ehc__hmac_hex_final(struct ehc__hmac *c, char out[EHC__SHA256_HEX]);

/*
 * The SEN2 return described once (sen2_spec.c): its tables and items,
 * the code lists with the years they are valid, and each return year's
 * XML element order and validation rules.
 */
enum {
	EHC__SEN2_HEADER, EHC__SEN2_PERSON, EHC__SEN2_REQUESTS,
	EHC__SEN2_ASSESSMENT, EHC__SEN2_NAMEDPLAN, EHC__SEN2_PLANDETAIL,
	EHC__SEN2_ACTIVEPLANS, EHC__SEN2_PLACEMENT, EHC__SEN2_SENNEED,
	EHC__SEN2_NTABLES
};
#define EHC__SEN2_MAXCOLS 14	/* the widest table's columns */

struct ehc__sen2_item {
	const char	*name;		/* CSV column, sheet column, element */
	char		 cell;		/* workbook: s text, d date, n number */
	const char	*list;		/* the code list, or NULL */
	int		 required;	/* first year every row has it; 0 */
	int		 key;		/* ehc's id: no XML element */
};

struct ehc__sen2_table {
	const char			*file;		/* sen2_person */
	const char			*sheet;		/* Person */
	const char			*element;	/* Person */
	const struct ehc__sen2_item	*items;
	int				 nitems;
};
extern const struct ehc__sen2_table ehc__sen2_tables[EHC__SEN2_NTABLES];

/* The validation rules (ehc's ids), by what they check. */
enum {
	EHC__R_REQUIRED, EHC__R_CODE, EHC__R_AFTER_CENSUS, EHC__R_BEFORE_BIRTH,
	EHC__R_HEADER, EHC__R_UPN, EHC__R_ULN, EHC__R_NO_ID, EHC__R_POSTCODE,
	EHC__R_RECEIVED, EHC__R_SOURCE, EHC__R_SOURCE_OTHER,
	EHC__R_REQUEST_DATE, EHC__R_REQUEST_ASSESS, EHC__R_TRIBUNAL,
	EHC__R_EXPORTED, EHC__R_ASSESS_DATE, EHC__R_ASSESS_PLAN,
	EHC__R_WEEK20, EHC__R_CEASE, EHC__R_CEASE_OTHER, EHC__R_BUDGET,
	EHC__R_AGE, EHC__R_PLANDETAIL, EHC__R_SETTING, EHC__R_URN,
	EHC__R_SETTING_OTHER, EHC__R_UNIT_URN, EHC__R_UNIT_SAID,
	EHC__R_REVIEW, EHC__R_DRAFT, EHC__R_TRANSFER_LATE, EHC__R_NO_REVIEW,
	EHC__R_NO_PLACEMENT, EHC__R_LEAVING, EHC__R_NO_PRIMARY,
	EHC__R_PRIMARY_NEED, EHC__R_NEEDS, EHC__R_TRANSFER_LA,
	EHC__R_NRULES
};
struct ehc__sen2_rule {
	const char	*id;		/* "ehc-001" */
	char		 severity;	/* E error, Q query */
	const char	*what;
};
extern const struct ehc__sen2_rule ehc__sen2_rules[EHC__R_NRULES];
/* A year's change to a rule's severity (0: off); rule -1 ends a list. */
struct ehc__sen2_change {
	int		 rule;
	char		 severity;
};

/* One return year. */
struct ehc__sen2_year {
	int				 year;
	int				 census_month, census_day;
	/* Each table's XML element order (sen2_spec.c says how). */
	const char *const		*xml[EHC__SEN2_NTABLES];
	const struct ehc__sen2_change	*changes;
};

/*
 * The description of the return for year: NULL before the first year
 * ehc describes; a later year than the last is made as the last.
 */
const struct ehc__sen2_year *ehc__sen2_year(int year);
int	ehc__sen2_first_year(void);
int	ehc__sen2_last_year(void);
/* The published census day of year (2022 on), or EHC_NO_DATE. */
int32_t	ehc__sen2_census_day(int year);
/* A rule's severity in a year: 'E', 'Q' or 0 (off). */
char	ehc__sen2_severity(const struct ehc__sen2_year *y, int rule);
/* Whether a table's item is part of the year's return (keys always). */
int	ehc__sen2_in_year(const struct ehc__sen2_year *y, int table,
	    const char *name);
/* The table whose XML element is name, or -1. */
int	ehc__sen2_table(const char *name);
/* The column of the item name in table, or -1. */
int	ehc__sen2_column(int table, const char *name);
/*
 * A code list (space-separated codes) as valid in year, 0 for the
 * latest; NULL when the list does not exist that year.  ehc__sen2_code
 * says whether s is one of a list's codes (a NULL list has none).
 */
const char *ehc__sen2_list(const char *name, int year);
/* Whether s is a header DateTime, "YYYY-MM-DDTHH:MM:SS". */
int	ehc__sen2_datetime_ok(const char *s);
int	ehc__sen2_code(const char *list, const char *s);

/*
 * Whether a CSV field as read is one ehc_csv_field() guarded against
 * formula injection (csv.c): then its first character, the quote, is
 * not part of the value.
 */
int	ehc__csv_guarded(const char *s);

/*
 * Markdown to HTML (markdown.c), everything escaped, written to fp; the
 * text's headings go shift levels below the page's (# becomes <h3> with
 * shift 2).  Returns EHC_OK, EHC_ENOMEM or EHC_EIO.
 */
int	ehc__markdown_html(FILE *fp, const char *md, int shift);
/* Write n bytes of s to fp with &, <, >, " and ' as HTML references. */
void	ehc__html_escape(FILE *fp, const char *s, size_t n);

/*
 * A filled-in letter laid out again (letter_layout.c): prose and lists
 * wrapped at 72 characters, aligned lines kept; as text, or with html
 * as an HTML document titled title.  Returns EHC_OK or EHC_EIO.
 */
int	ehc__letter_layout(FILE *fp, const char *text, int html,
	    const char *title);

/* ------------------------------------------------------------------
 * The store (lib/store/): the connection, statements, schema, batches,
 * the audit chain and the checks every write makes.
 */

#define EHC_APPLICATION_ID 0x45484321	/* "EHC!" */
#define ERRMSG_LEN 512
#define HOLIDAY_MAX 512
/* More than the static SQL texts libehc caches (about 120): never full. */
#define STMT_CACHE_MAX 256

struct ehc_db {
	sqlite3		*h;
	char		 errmsg[ERRMSG_LEN];
	char		*user;
	int32_t		 today;
	int		 holidays_loaded;
	int		 nholidays;
	int32_t		 holidays[HOLIDAY_MAX];	/* sorted day numbers */
	struct {
		const void	*key;		/* static: its SQL text */
		sqlite3_stmt	*st;
	}		 stmts[STMT_CACHE_MAX];
	int		 nstmts;
	int		 created;		/* the file was made just now */
	/* The audit key (key.c): KEY_NONE, KEY_OK or KEY_WRONG. */
	char		*key_path;
	int		 key_state;
	char		 key_id[17];
	struct ehc__hmac mac;			/* the key, prepared */
	/* Cases to seal before the commit (seal.c). */
	int64_t		*seal_pending;
	size_t		 nseal, seal_cap;
	int64_t		 changes_at_begin;	/* for ehc_db_wrote() */
	int		 wrote;
	/* Run by ehc_db_commit() first; set by a layer that needs it. */
	int		(*before_commit)(struct ehc_db *);
	int		 defer;			/* see ehc__clock_defer() */
	int64_t		 pending_lo, pending_hi;	/* refreshes waiting */
	int		 masked;		/* ehc_db_set_masked() */
	int		 bulk;			/* a rollback journal till done */
	int		 keys_later;		/* foreign keys checked at commit */
};

/* Record a formatted message on the handle and return status. */
int	ehc__db_fail(struct ehc_db *db, int status, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));
/* Map a SQLite result code to a status, keeping sqlite3_errmsg(). */
int	ehc__db_error(struct ehc_db *db, int rc, const char *context);
/*
 * A bulk write's references, all checked at once (references.c):
 * SQLITE_OK, SQLITE_CONSTRAINT_FOREIGNKEY with the first table that
 * refers to a row not there in table, or SQLite's error.
 */
int	ehc__references_check(sqlite3 *h, char *table, size_t len);
/* Drop an index for a bulk write, keeping its text to make it again. */
int	ehc__index_set_aside(struct ehc_db *db, const char *name, char **sql);
/* Prepare a statement; on failure the handle holds the message. */
int	ehc__db_prepare(struct ehc_db *db, sqlite3_stmt **out, const char *sql);
/*
 * A statement prepared once per handle for hot paths, keyed by the
 * address of its static SQL text.  It comes back reset with no bindings;
 * the caller resets it when done and never finalizes it.
 */
int	ehc__db_cached(struct ehc_db *db, sqlite3_stmt **out, const char *sql);
/* The same, keyed by key; with sql NULL, *out is NULL when not cached. */
int	ehc__db_cached_as(struct ehc_db *db, sqlite3_stmt **out,
	    const void *key, const char *sql);
/*
 * Begin a file ehc writes (outfile.h), the message on the handle on
 * failure; ehc__outfile_commit() finishes and frees it, whatever the
 * outcome.  To abandon one, ehc_outfile_free().
 */
int	ehc__outfile_open(struct ehc_db *db, struct ehc_outfile **out,
	    const char *path);
int	ehc__outfile_commit(struct ehc_db *db, struct ehc_outfile *f);
/* The setting key's value in out (len bytes), "" when it is not set. */
int	ehc__setting(struct ehc_db *db, const char *key, char *out,
	    size_t len);
/* Run SQL with no parameters and no rows. */
int	ehc__db_exec(struct ehc_db *db, const char *sql);
/*
 * Open a scratch database private to the caller, on a temporary file,
 * run sql (its tables and cache size) and begin its one transaction.  On
 * failure the message is on db's handle; close *out with sqlite3_close()
 * either way.
 */
int	ehc__scratch_open(struct ehc_db *db, sqlite3 **out, const char *sql);
/* Step a statement expected to finish with SQLITE_DONE. */
int	ehc__db_step_done(struct ehc_db *db, sqlite3_stmt *st, const char *ctx);
/* Bind a day as YYYY-MM-DD text, or NULL for EHC_NO_DATE. */
int	ehc__bind_date(sqlite3_stmt *st, int idx, int32_t day);
/* Read a YYYY-MM-DD column; EHC_NO_DATE for NULL. */
int32_t	ehc__column_date(sqlite3_stmt *st, int col);
/* Bind text, or NULL for a NULL or empty string. */
int	ehc__bind_text(sqlite3_stmt *st, int idx, const char *s);

/*
 * Open the connection with ehc's settings, no more (db.c); ehc_db_open()
 * (open.c) then brings the schema up to date and runs each layer's work.
 */
int	ehc__store_open(struct ehc_db **out, const char *path,
	    unsigned flags);
/*
 * Bring the schema up to date (schema.c); created, if not NULL, runs in
 * the transaction that creates a new store (the calendar's holidays).
 */
int	ehc__schema_migrate(struct ehc_db *db,
	    int (*created)(struct ehc_db *));
int	ehc__schema_latest(void);
/* The statements of one migration, NULL-terminated (for the tests). */
const char *const *ehc__schema_sql(int version);

/*
 * Run one statement binding ?1 = id, ?2 and ?3 = dates (NULL for
 * EHC_NO_DATE), ?4 and ?5 = text (NULL for NULL or "") (db.c).
 * sql is static text: the statement is cached (ehc__db_cached()).
 */
int	ehc__exec(struct ehc_db *db, const char *sql, int64_t id, int32_t d1,
	    int32_t d2, const char *t1, const char *t2);

/*
 * Rows inserted several to a statement (batch.c).  An ehc__insert is
 * static: the head of the statement, "INSERT INTO t(a, b) VALUES ", its
 * number of columns, and what a failure says was being done.  Columns
 * are numbered from 0; ehc__batch_row() ends a row (and writes a full
 * batch), ehc__batch_flush() writes the rest, after the rows of the
 * batch named by ehc__batch_after() (the rows they refer to).
 */
/*
 * 32, not 16: the import's writes, half its time, took 3% less (make
 * bench's return, best of three, interleaved).
 */
#define EHC__BATCH_ROWS 32
struct ehc__insert {
	const char	*head;
	int		 ncols;
	const char	*what;
};
struct ehc__batch;
int	ehc__batch_open(struct ehc_db *db, const struct ehc__insert *ins,
	    struct ehc__batch **out);
void	ehc__batch_after(struct ehc__batch *b, struct ehc__batch *parent);
void	ehc__batch_int(struct ehc__batch *b, int col, int64_t v);
/* NULL for NULL or "", as ehc__bind_text(); a date NULL for EHC_NO_DATE. */
void	ehc__batch_text(struct ehc__batch *b, int col, const char *s);
void	ehc__batch_date(struct ehc__batch *b, int col, int32_t day);
int	ehc__batch_row(struct ehc__batch *b);
int	ehc__batch_flush(struct ehc__batch *b);
/* Free the batch; rows not flushed are dropped. */
void	ehc__batch_close(struct ehc__batch *b);

/*
 * The audit key (key.c).  ehc__key_open() remembers where the key is
 * (path, or beside the store) and reads it if it is there;
 * ehc__key_create() makes one there if there is none (mode 0600, never
 * over another); ehc__key_check() compares it with the one the store
 * was chained with; ehc__key_ready() is EHC_OK when the chain can be
 * written and checked, else EHC_EKEY with the reason on the handle.
 * ehc__key_share() gives the store of to the key of from (a copy of
 * the store, as a backup is, is checked and written with it); check it
 * with ehc__key_check() then.
 */
#define KEY_NONE 0
#define KEY_OK 1
#define KEY_WRONG 2
int	ehc__key_open(struct ehc_db *db, const char *store_path,
	    const char *path);
int	ehc__key_create(struct ehc_db *db);
int	ehc__key_check(struct ehc_db *db);
int	ehc__key_ready(struct ehc_db *db);
int	ehc__key_share(struct ehc_db *to, const struct ehc_db *from);

/*
 * Append an audit record (audit.c); detail may be NULL.  The record's
 * case (case_id > 0) is sealed before the commit.
 */
int	ehc__audit(struct ehc_db *db, int64_t case_id, const char *action,
	    const char *detail);
/*
 * Key an audit log chained with plain SHA-256 (schema 12): the old chain
 * must hold; then every record is chained again under the key, which is
 * made if there is none, the rekeying is audited and every case sealed.
 */
int	ehc__audit_rekey(struct ehc_db *db);
/*
 * Drop the details of one case's audit records, keeping their digests so
 * the chain still holds (retention, before it records the removal).
 */
int	ehc__audit_scrub(struct ehc_db *db, int64_t case_id);

/*
 * The seals of the cases (seal.c): a keyed digest of every row of a
 * case, tied to its last audit record.  ehc__seal_mark() seals the case
 * before the transaction commits (at once outside one);
 * ehc__seal_range() seals every case with an id from lo to hi now;
 * ehc__seal_check() checks every case against its seal and the log,
 * naming the first that differs; ehc__seal_covers() says whether a
 * table's rows are sealed (the unit tests check the schema with it).
 */
int	ehc__seal_mark(struct ehc_db *db, int64_t case_id);
int	ehc__seal_range(struct ehc_db *db, int64_t lo, int64_t hi);
int	ehc__seal_check(struct ehc_db *db, int64_t *cases, int64_t *bad_case);
int	ehc__seal_covers(const char *table);

/*
 * The one validator of text that enters (validate.c).  ehc__text_fault()
 * says what is wrong with n bytes of text (at most max characters;
 * flags allow tabs or line breaks), or NULL; ehc__check_textn() puts
 * it as "WHAT is ...; remove it" on the handle (EHC_EINVAL), and
 * ehc__check_text() does so for a single-line C string (required: not
 * empty).  ehc__utf8_ok() is only the UTF-8 part.  ehc__check_json()
 * refuses JSON text holding a NUL (raw or \u0000, which cJSON would cut
 * a string at) and, given its parsed cJSON document, a key repeated in
 * one object.
 */
#define EHC__TEXT_REQUIRED	(1 << 0)	/* not empty */
#define EHC__TEXT_TABS		(1 << 1)	/* tabs allowed */
#define EHC__TEXT_LINES		(1 << 2)	/* tabs and LF line breaks */
const char *ehc__text_fault(const char *s, size_t n, size_t max,
	    unsigned flags);
int	ehc__check_textn(struct ehc_db *db, const char *what, const char *s,
	    size_t n, size_t max, unsigned flags);
int	ehc__check_text(struct ehc_db *db, const char *what, const char *s,
	    size_t max, int required);
int	ehc__utf8_ok(const char *s);
int	ehc__check_json(struct ehc_db *db, const char *what, const char *text,
	    size_t n, const void *doc);
/* Refuse an event after today or before an earlier one. */
int	ehc__check_event_date(struct ehc_db *db, const char *what,
	    int32_t day, int32_t not_before, const char *before_what);
/*
 * The public API's conventions (ehc.h): EHC_EINVAL unless an input
 * struct (what, NULL allowed) carries the version this libehc knows;
 * EHC_EINVAL, out set to "" when it has room for that, unless a caller's
 * output buffer has the need bytes its doc comment names.
 */
int	ehc__check_version(struct ehc_db *db, const char *what,
	    const unsigned int *version, unsigned int want);
int	ehc__check_out(struct ehc_db *db, char *out, size_t out_len,
	    size_t need);

/* ------------------------------------------------------------------
 * The calendar (lib/calendar/): bank holidays and working days.
 */

/* Seed or reload bank holidays from GOV.UK JSON text (holiday.c). */
int	ehc__holidays_from_json(struct ehc_db *db, const char *json,
	    size_t len);
int	ehc__holidays_seed(struct ehc_db *db);
extern const unsigned char ehc__bank_holidays_json[];

/* ------------------------------------------------------------------
 * The clock (lib/clock/): rules, deadlines and the case state they read.
 */

/*
 * The rule registry (rules.c): every statutory rule ehc applies, as
 * data, in one const table.  The clock, the step checks and the reports
 * read their periods from it; the store's rule table is a copy the
 * clock writes from it (ehc__clock_check_version()).
 */
enum ehc__unit {
	EHC__WEEKS,		/* trigger + 7 days a week */
	EHC__DAYS,		/* trigger + days */
	EHC__DAYS_BEGINNING,	/* days counting the trigger as day 1 */
	EHC__MONTHS,		/* calendar months, clamped to month end */
	EHC__PERIOD_MONTHS,	/* last day of a period of months */
	EHC__YEARS,		/* the anniversary, clamped to month end */
	EHC__WORKING_DAYS_BEGINNING,	/* working days, trigger day 1 */
	EHC__WORKING_DAYS_AFTER,	/* working days after the trigger */
	EHC__BEFORE_DATE,	/* the day before MM-DD of the trigger's year */
	EHC__SCHOOL_AGE_END,	/* last Friday of June, school year of age */
	EHC__ACADEMIC_YEAR_END,	/* 31 July ending the year of age */
	EHC__LIMB		/* an exception to other rules: no period */
};

struct ehc__rule {
	const char	*id;		/* rule_id of the deadlines it makes */
	const char	*rule;		/* the name its deadlines carry */
	const char	*trigger;	/* the event the period runs from */
	int		 amount;
	enum ehc__unit	 unit;
	int		 fixed_month, fixed_day;	/* EHC__BEFORE_DATE */
	const char	*regulation;
	const char	*reading;	/* the reading ehc takes */
	const char	*alternative;	/* the other reading, "" if none */
	const char	*valid_from, *valid_to;	/* YYYY-MM-DD, "" open */
	const char	*binds;		/* authority, family, health, ... */
	const char	*blocks;	/* steps it holds back, "" none */
	const char	*exceptions;	/* limbs ehc exception accepts */
	int		 tribunal;	/* HESC rule 12 moves the date */
	int		 advisory;	/* a reminder, never a breach */
	int		 lead;		/* days before due work starts */
};

/* An action leading to a deadline, due lead days before it. */
struct ehc__action {
	const char	*id;		/* book-review-meeting, ... */
	const char	*rule;		/* the deadline's name */
	int		 lead;		/* days before its date */
	const char	*what;		/* what to do */
	const char	*why;		/* how the lead is counted */
};

/* The registry's actions, in order; *n their number. */
const struct ehc__action *ehc__actions(int *n);
/*
 * The actions and diary entries (booking) of one case (case_id not 0)
 * or of the caseload or one officer's (officer not NULL), as deadlines
 * of kind "action" or "booking", in order of date (action.c).  For ehc
 * due (due not 0): only the open ones dated up to horizon.  They are
 * sorted in a scratch database when opened; close *out with
 * ehc__items_close() whatever the outcome.
 */
struct ehc__items;
int	ehc__items_open(struct ehc__items **out, struct ehc_db *db,
	    int64_t case_id, const char *officer, int due, int32_t horizon);
/*
 * The next item in *out, NULL after the last; its strings live until
 * the next call.
 */
int	ehc__items_next(struct ehc__items *it,
	    const struct ehc_deadline **out);
void	ehc__items_close(struct ehc__items *it);

/* The registry, in the order ehc rules lists it; *n its length. */
const struct ehc__rule *ehc__rules(int *n);
/* The rule with this id, or NULL. */
const struct ehc__rule *ehc__rule(const char *id);
/* The unit's name as ehc rules prints it. */
const char *ehc__unit_name(enum ehc__unit unit);
/*
 * The rule's due date from its trigger day (the strict, earliest reading
 * of statutory-rules.md section 1; HESC rule 12 applied for the
 * Tribunal's rules).  With explain not NULL, how, into len bytes;
 * label names the trigger.
 */
int32_t	ehc__rule_due(struct ehc_db *db, const struct ehc__rule *ru,
	    int32_t t, const char *label, char *explain, size_t len);
/* The calendar days of a days or weeks rule (for SQL); -1 otherwise. */
int	ehc__rule_days(const char *id);
/* Whether day falls in the rule's valid-from to valid-to dates. */
int	ehc__rule_valid(const struct ehc__rule *ru, int32_t day);
/*
 * Whether a deadline of the rule lapses, rather than falls overdue, when
 * its date passes: it binds the family, or nobody (a date to note).
 */
int	ehc__rule_lapses(const struct ehc__rule *ru);
/*
 * Whether the SEN2 return shows when a deadline of the rule was met: an
 * imported case knows no more of the others than that they were due.
 */
int	ehc__rule_in_sen2(const struct ehc__rule *ru);
/*
 * Whether the rule's dates are of the date of birth alone (the ages):
 * derived again whenever a case's deadlines are read, and never stored,
 * which would add four rows to every plan of the caseload.  They are
 * advisory, so nothing that counts or lists what is due needs them.
 */
int	ehc__rule_unstored(const struct ehc__rule *ru);
/* The registry's SHA-256, which changes with any of its fields. */
void	ehc__rules_digest(char out[EHC__SHA256_HEX]);
/* Write the store's rule table again from the registry. */
int	ehc__rules_store(struct ehc_db *db);
/*
 * The national curriculum year a child born on dob is in on day (the
 * school year runs 1 September to 31 August; reception is 0, year N
 * the year in which the child reaches N + 5).
 */
int	ehc__school_year(int32_t dob, int32_t day);

/*
 * SQL for the cessation a dispute d belongs to: the latest decision to
 * cease sent on or before its notice, when it is about ceasing (NULL
 * otherwise).  The appeal against that decision is the cessation's,
 * whichever command records it, and the dispute's certificate extends
 * its appeal window.
 */
#define EHC__CEASE_OF(d) "(SELECT n.id FROM cessation n WHERE " \
	"n.case_id = " d ".case_id AND " d ".about = 'cease' AND " \
	"n.decided IS NOT NULL AND n.decided <= " d ".notice ORDER BY " \
	"n.decided DESC, n.id DESC LIMIT 1)"

/* Recompute and store the deadlines of one case (clock.c). */
int	ehc__clock_refresh(struct ehc_db *db, int64_t case_id);
/* Refresh every case with an id from lo to hi, reading each table once. */
int	ehc__clock_refresh_range(struct ehc_db *db, int64_t lo, int64_t hi);
/*
 * For batch writers that finish one case before starting the next (the
 * demo): while on, refreshes wait, as a range of cases that grows while
 * cases are touched in order, until a write touches a case outside it,
 * something reads deadlines (ehc__clock_settle()) or it is turned off;
 * then the range is derived in one go (ehc__clock_refresh_range()).
 */
int	ehc__clock_defer(struct ehc_db *db, int on);
/* Do the refresh that waits, if any; every reader of deadline calls it. */
int	ehc__clock_settle(struct ehc_db *db);
/* Recompute every case when the clock's derivation has changed. */
int	ehc__clock_check_version(struct ehc_db *db);

/* The workflow state of a case, as the step checks need it. */
struct case_state {
	int64_t		 id;
	int32_t		 received, withdrawn, assess_date, issue_date;
	int32_t		 draft_date, final_date, cease_date;
	char		 assess, issue;		/* 'Y', 'N', 'H' or 0 */
};

/* ------------------------------------------------------------------
 * The workflow steps (lib/steps/).
 */

/* Mark the case's booking of kind not yet held as held on date (diary.c). */
int	ehc__booking_held(struct ehc_db *db, int64_t case_id, const char *kind,
	    int32_t date);
/*
 * The tail of every workflow step: audit it ("date=D extra") and
 * recompute the case's deadlines (step.c).
 */
int	ehc__step_done(struct ehc_db *db, int64_t case_id, const char *action,
	    int32_t date, const char *extra);

/*
 * Refuse (EHC_ESTATE) a step dated inside the window rule_id gives the
 * family from served (15 days for representations), unless force_reason
 * says why they have responded; *forced says whether it had to.  what
 * names the document (step.c).
 */
int	ehc__step_window(int *forced, struct ehc_db *db, const char *rule_id,
	    int32_t served, int32_t date, const char *force_reason,
	    const char *what);

/* Read a case's state (case_state.c); EHC_ENOTFOUND for no such case. */
int	ehc__case_state(struct ehc_db *db, int64_t id, struct case_state *out);
/*
 * The date of birth of a case's child (EHC_NO_DATE for no such case) and
 * the years it is educated below (-) or above its age group
 * (case_state.c).
 */
int	ehc__case_age(struct ehc_db *db, int64_t id, int32_t *dob,
	    int *year_offset);
/* The columns of cases a case_state is read from, in order. */
#define CASE_STATE_COLUMNS "received, withdrawn, assess, assess_date, " \
	"issue, issue_date, draft_date, final_date, cease_date"
void	ehc__case_state_read(sqlite3_stmt *st, int col, struct case_state *out);
/* Add (or, by UPN, find) the person of a new case (case.c). */
int	ehc__person_add(struct ehc_db *db, const struct ehc_request_in *in,
	    int64_t *out);
/*
 * A child's or young person's details as given (NULL: not given; dob
 * EHC_NO_DATE), and their checks, shared by every step that records or
 * corrects them (case.c).  Returns EHC_OK or EHC_EINVAL.
 */
struct ehc__person {
	const char	*forename, *surname;
	int32_t		 dob;
	const char	*sex, *ethnicity, *postcode, *upn, *uln;
	const char	*upn_unknown;		/* SEN2 UPNunknown reason */
};
int	ehc__person_check(struct ehc_db *db, const struct ehc__person *p);
/*
 * The child moved to the authority to_la (3 digits, checked by the
 * caller) before a plan was made: the request closes on move (case.c).
 */
int	ehc__request_moved(struct ehc_db *db, int64_t id, const char *to_la,
	    int32_t move, int32_t aware);
/*
 * When a need or named setting given no date takes effect: the plan's
 * start for the first of its rank (first set) on a plan, else today.
 */
int32_t	ehc__default_from(struct ehc_db *db, const struct case_state *cs,
	    int first);
/* Insert a case row and give it its reference (case.c). */
int	ehc__case_insert(struct ehc_db *db, int64_t person,
	    const struct ehc_request_in *in, int64_t *id_out, char *ref_out);

/* ------------------------------------------------------------------
 * Returns and reports (lib/returns/).
 */

/*
 * A row of a SEN2 table as read (sen2_import.c, sen2_xml.c): its fields
 * in the table's item order, NUL-terminated at offsets into buf.  line
 * is a CSV row's line; in an XML message every position is the line
 * shifted left 32 bits, or'd with the element's ordinal among the start
 * tags on that line (from 1): line is the block's, pos[] each field's.
 */
struct ehc__sen2_rec {
	char		*buf;
	size_t		 len, cap;
	size_t		*off;
	int		 nf, offcap;
	int64_t		 line;
	int64_t		*pos;		/* XML only; else NULL */
	int		 poscap;
};

/* What the XML reader hands on (sen2_xml.c). */
struct ehc__sen2_xml_cb {
	/* The header, once read. */
	int	(*header)(void *payload, struct ehc__sen2_rec *rec);
	/*
	 * One person's rows: n[t] rows of table t in recs[t], in document
	 * order, with PersonID, RequestsID and the Seq columns numbered in
	 * the order met (from 1).
	 */
	int	(*person)(void *payload, struct ehc__sen2_rec *const *recs,
		    const size_t *n);
};
/*
 * Read the XML message at path, streamed, calling cb; a non-zero return
 * from a callback stops and is returned.  Returns EHC_OK, EHC_ENOINPUT
 * (path unreadable), EHC_EINVAL (malformed XML or a block out of place,
 * as "FILE:LINE:COLUMN: reason") or EHC_ENOMEM.
 */
int	ehc__sen2_xml_read(struct ehc_db *db, const char *path,
	    const struct ehc__sen2_xml_cb *cb, void *payload);
/* Free a row's memory and empty it (sen2_xml.c). */
void	ehc__sen2_rec_release(struct ehc__sen2_rec *r);
/* The line and column of an XML position in the file at path. */
void	ehc__sen2_xml_where(const char *path, int64_t pos, long *line,
	    long *col);

/*
 * Whether ehc_case_export_json() carries table.column (export.c); the
 * unit tests check every column of every table that holds a case's rows.
 */
int	ehc__export_covers(const char *table, const char *column);

/* Whether ehc_retention_remove() clears table (retention.c). */
int	ehc__retention_covers(const char *table);
/*
 * Remove a case again as ehc_retention_remove() did in a store that a
 * backup is restored over, whatever legal hold the backup held (that
 * store had lifted it first); audited as a retention.  Returns EHC_OK,
 * EHC_ENOTFOUND (the backup does not hold the case) or a store error.
 */
int	ehc__retention_reapply(struct ehc_db *db, int64_t id);

#endif
