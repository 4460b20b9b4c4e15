/*
 * plan.c: plan content, sections A to K: the working copy officers edit
 * (text per section; needs, outcomes and provision as numbered items)
 * and the immutable versions taken when a plan is issued.
 */
#include "internal.h"
#include "plan_internal.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <cjson/cJSON.h>

static const char *const pfa_themes[] = {
	"employment", "independent-living", "community", "health", NULL
};

static const char *
kind_word(int kind)
{
	switch (kind) {
	case EHC_PLAN_NEED:	return "need";
	case EHC_PLAN_OUTCOME:	return "outcome";
	default:		return "provision";
	}
}

/* Text of the plan: tabs always, line breaks in multi-line fields. */
static int
check_plan_text(struct ehc_db *db, const char *what, const char *s,
    size_t max, int multiline)
{
	return ehc__check_textn(db, what, s, strlen(s), max, EHC__TEXT_TABS |
	    (multiline ? EHC__TEXT_LINES : 0));
}

/* The working copy may change unless the case is closed. */
static int
editable(struct ehc_db *db, int64_t case_id)
{
	struct case_state cs;
	int rc;

	if ((rc = ehc__case_state(db, case_id, &cs)) != EHC_OK)
		return rc;
	if (cs.withdrawn != EHC_NO_DATE)
		return ehc__db_fail(db, EHC_ESTATE, "the request was "
		    "withdrawn; its plan cannot be changed");
	if (cs.cease_date != EHC_NO_DATE)
		return ehc__db_fail(db, EHC_ESTATE, "the plan has ceased; it "
		    "cannot be changed");
	return EHC_OK;
}

/*
 * Each mutator is whole or nothing on its own too, inside the caller's
 * transaction or without one.
 */
static int
sp_begin(struct ehc_db *db)
{
	return ehc__db_exec(db, "SAVEPOINT ehc_plan");
}

static int
sp_end(struct ehc_db *db, int rc)
{
	if (rc == EHC_OK)
		return ehc__db_exec(db, "RELEASE ehc_plan");
	/* Keep the message that explains the failure. */
	sqlite3_exec(db->h, "ROLLBACK TO ehc_plan; RELEASE ehc_plan", NULL,
	    NULL, NULL);
	return rc;
}

static int	section_set(struct ehc_db *, int64_t, int, const char *);
static int	item_add(struct ehc_db *, int64_t, int,
		    const struct ehc_plan_item_in *, char *);
static int	item_edit(struct ehc_db *, int64_t, const char *,
		    const struct ehc_plan_item_in *);
static int	item_remove(struct ehc_db *, int64_t, const char *);

int
ehc_plan_section_set(struct ehc_db *db, int64_t case_id, int section,
    const char *text)
{
	int rc;

	if ((rc = sp_begin(db)) != EHC_OK)
		return rc;
	return sp_end(db, section_set(db, case_id, section, text));
}

int
ehc_plan_item_add(char *ref_out, size_t ref_len, struct ehc_db *db,
    int64_t case_id, int section, const struct ehc_plan_item_in *in)
{
	int rc;

	if ((ref_out != NULL && (rc = ehc__check_out(db, ref_out, ref_len,
	    EHC_PLAN_REF_LEN)) != EHC_OK) ||
	    (rc = ehc__check_version(db, "struct ehc_plan_item_in",
	    in == NULL ? NULL : &in->version, EHC_PLAN_ITEM_IN_VERSION))
	    != EHC_OK)
		return rc;
	if ((rc = sp_begin(db)) != EHC_OK)
		return rc;
	return sp_end(db, item_add(db, case_id, section, in, ref_out));
}

int
ehc_plan_item_edit(struct ehc_db *db, int64_t case_id, const char *ref,
    const struct ehc_plan_item_in *in)
{
	int rc;

	if ((rc = ehc__check_version(db, "struct ehc_plan_item_in",
	    in == NULL ? NULL : &in->version, EHC_PLAN_ITEM_IN_VERSION))
	    != EHC_OK)
		return rc;
	if ((rc = sp_begin(db)) != EHC_OK)
		return rc;
	return sp_end(db, item_edit(db, case_id, ref, in));
}

int
ehc_plan_item_remove(struct ehc_db *db, int64_t case_id, const char *ref)
{
	int rc;

	if ((rc = sp_begin(db)) != EHC_OK)
		return rc;
	return sp_end(db, item_remove(db, case_id, ref));
}

static int
section_set(struct ehc_db *db, int64_t case_id, int section,
    const char *text)
{
	sqlite3_stmt *st = NULL;
	char what[32], detail[64], *copy = NULL;
	size_t len;
	int rc;

	if (section < 0 || section >= EHC_PLAN_NSECTIONS)
		return ehc__db_fail(db, EHC_EINVAL, "no such section; name "
		    "one of A, B, C, D, E, F, G, H1, H2, I, J, K");
	if ((rc = editable(db, case_id)) != EHC_OK)
		return rc;
	if (text == NULL)
		text = "";
	snprintf(what, sizeof(what), "section %s", ehc_plan_section_name(section));
	if ((rc = check_plan_text(db, what, text, EHC_PLAN_TEXT_MAX, 1))
	    != EHC_OK)
		return rc;
	/* Trailing blank lines and spaces carry nothing. */
	if ((copy = strdup(text)) == NULL)
		return ehc__db_fail(db, EHC_ENOMEM, "out of memory");
	len = strlen(copy);
	while (len > 0 && (copy[len - 1] == '\n' || copy[len - 1] == ' ' ||
	    copy[len - 1] == '\t'))
		copy[--len] = '\0';
	if (len == 0)
		rc = ehc__db_cached(db, &st, "DELETE FROM plan_section "
		    "WHERE case_id = ?1 AND section = ?2");
	else
		rc = ehc__db_cached(db, &st, "INSERT INTO plan_section("
		    "case_id, section, text) VALUES (?1, ?2, ?3) "
		    "ON CONFLICT (case_id, section) DO UPDATE SET "
		    "text = excluded.text");
	if (rc != EHC_OK)
		goto out;
	sqlite3_bind_int64(st, 1, case_id);
	sqlite3_bind_text(st, 2, ehc_plan_section_name(section), -1, SQLITE_STATIC);
	if (len > 0)
		sqlite3_bind_text(st, 3, copy, -1, SQLITE_STATIC);
	if ((rc = ehc__db_step_done(db, st, "writing the plan")) != EHC_OK)
		goto out;
	snprintf(detail, sizeof(detail), "section=%s bytes=%zu",
	    ehc_plan_section_name(section), len);
	rc = ehc__audit(db, case_id, "plan section", detail);
out:
	sqlite3_reset(st);
	free(copy);
	return rc;
}

/* The id of a live item, or EHC_ENOTFOUND. */
static int
find_item(struct ehc_db *db, int64_t case_id, int section, int seq,
    int64_t *id_out)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = ehc__db_cached(db, &st, "SELECT id FROM plan_item WHERE "
	    "case_id = ?1 AND section = ?2 AND seq = ?3 AND removed = 0"))
	    != EHC_OK)
		return rc;
	sqlite3_bind_int64(st, 1, case_id);
	sqlite3_bind_text(st, 2, ehc_plan_section_name(section), -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 3, seq);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*id_out = sqlite3_column_int64(st, 0);
		rc = EHC_OK;
	} else if (rc == SQLITE_DONE)
		rc = EHC_ENOTFOUND;
	else
		rc = ehc__db_error(db, rc, "reading the plan");
	sqlite3_reset(st);
	return rc;
}

/* Check the fields of an item of kind against what that kind has. */
static int
check_item_in(struct ehc_db *db, int kind, const struct ehc_plan_item_in *in,
    int adding)
{
	const char *const *t;
	int rc;

	if (adding && (in->text == NULL || ehc__plan_blank(in->text)))
		return ehc__db_fail(db, EHC_EINVAL, "the %s has no text; "
		    "give it with --text", kind_word(kind));
	if (!adding && in->text != NULL && ehc__plan_blank(in->text))
		return ehc__db_fail(db, EHC_EINVAL, "the text of an item "
		    "cannot be emptied; remove the item instead");
	if (in->text != NULL && (rc = check_plan_text(db, "the text",
	    in->text, EHC_PLAN_ITEM_MAX, 0)) != EHC_OK)
		return rc;
	if (kind != EHC_PLAN_PROVISION && ((in->amount && *in->amount) ||
	    (in->frequency && *in->frequency) || (in->by && *in->by)))
		return ehc__db_fail(db, EHC_EINVAL, "only provision has an "
		    "amount, a frequency and a provider; this is %s %s",
		    kind == EHC_PLAN_OUTCOME ? "an" : "a", kind_word(kind));
	if ((in->amount && (rc = check_plan_text(db, "the amount",
	    in->amount, EHC_PLAN_FIELD_MAX, 0)) != EHC_OK) ||
	    (in->frequency && (rc = check_plan_text(db, "the frequency",
	    in->frequency, EHC_PLAN_FIELD_MAX, 0)) != EHC_OK) ||
	    (in->by && (rc = check_plan_text(db, "the provider", in->by,
	    EHC_PLAN_FIELD_MAX, 0)) != EHC_OK))
		return rc;
	if (in->pfa != NULL && *in->pfa != '\0') {
		if (kind == EHC_PLAN_NEED)
			return ehc__db_fail(db, EHC_EINVAL, "a need has no "
			    "preparation-for-adulthood theme; tag the "
			    "outcomes and provision instead");
		for (t = pfa_themes; *t != NULL; t++)
			if (strcmp(*t, in->pfa) == 0)
				break;
		if (*t == NULL)
			return ehc__db_fail(db, EHC_EINVAL, "'%.40s' is not a "
			    "preparation-for-adulthood theme; use employment, "
			    "independent-living, community or health", in->pfa);
	}
	if (in->links != NULL && in->nlinks > 0 && kind == EHC_PLAN_NEED)
		return ehc__db_fail(db, EHC_EINVAL, "a need is not linked to "
		    "anything; link the outcomes and provision to it");
	if (in->links != NULL && in->nlinks > EHC_PLAN_LINKS_MAX)
		return ehc__db_fail(db, EHC_EINVAL, "more than %d links; "
		    "split the item", EHC_PLAN_LINKS_MAX);
	return EHC_OK;
}

/* Replace the links of item id (of kind) with the named needs/outcomes. */
static int
set_links(struct ehc_db *db, int64_t case_id, int64_t id, int kind,
    const char *const *links, size_t nlinks)
{
	sqlite3_stmt *st = NULL;
	int64_t target;
	int rc, section, seq, tkind;
	size_t i;

	if ((rc = ehc__db_cached(db, &st, "DELETE FROM plan_link WHERE "
	    "item_id = ?1")) != EHC_OK)
		return rc;
	sqlite3_bind_int64(st, 1, id);
	rc = ehc__db_step_done(db, st, "linking the plan");
	sqlite3_reset(st);
	st = NULL;
	if (rc != EHC_OK)
		return rc;
	if ((rc = ehc__db_cached(db, &st, "INSERT OR IGNORE INTO plan_link("
	    "item_id, target_id) VALUES (?1, ?2)")) != EHC_OK)
		return rc;
	for (i = 0; i < nlinks; i++) {
		if (links[i] == NULL ||
		    ehc__plan_parse_ref(links[i], &section, &seq) != 0) {
			rc = ehc__db_fail(db, EHC_EINVAL, "'%.20s' is not a "
			    "reference to a need or outcome, such as B1 or E2",
			    links[i] ? links[i] : "");
			goto out;
		}
		tkind = ehc_plan_section_kind(section);
		if (tkind == EHC_PLAN_PROVISION || (kind == EHC_PLAN_OUTCOME &&
		    tkind != EHC_PLAN_NEED)) {
			rc = ehc__db_fail(db, EHC_EINVAL, "%s cannot serve "
			    "'%.20s'; link %s to needs (B, C, D)%s",
			    kind == EHC_PLAN_OUTCOME ? "an outcome" :
			    "provision", links[i], kind == EHC_PLAN_OUTCOME ?
			    "outcomes" : "provision", kind == EHC_PLAN_OUTCOME ?
			    "" : " and outcomes (E)");
			goto out;
		}
		if ((rc = find_item(db, case_id, section, seq, &target))
		    != EHC_OK) {
			if (rc == EHC_ENOTFOUND)
				rc = ehc__db_fail(db, EHC_EINVAL, "the plan "
				    "has no %s %.20s; add it first or check "
				    "the reference", kind_word(tkind),
				    links[i]);
			goto out;
		}
		sqlite3_reset(st);
		sqlite3_bind_int64(st, 1, id);
		sqlite3_bind_int64(st, 2, target);
		if ((rc = ehc__db_step_done(db, st, "linking the plan"))
		    != EHC_OK)
			goto out;
	}
	rc = EHC_OK;
out:
	sqlite3_reset(st);
	return rc;
}

static void
bind_opt(sqlite3_stmt *st, int idx, const char *s)
{
	ehc__bind_text(st, idx, s);
}

static int
item_add(struct ehc_db *db, int64_t case_id, int section,
    const struct ehc_plan_item_in *in, char *ref_out)
{
	sqlite3_stmt *st = NULL;
	char ref[EHC_PLAN_REF_LEN], detail[64];
	int64_t id;
	int rc, kind, seq;

	if (section < 0 || section >= EHC_PLAN_NSECTIONS)
		return ehc__db_fail(db, EHC_EINVAL, "no such section");
	if ((kind = ehc_plan_section_kind(section)) == EHC_PLAN_NONE)
		return ehc__db_fail(db, EHC_EINVAL, "section %s holds text "
		    "only; needs go in B, C or D, outcomes in E and provision "
		    "in F, G, H1 or H2", ehc_plan_section_name(section));
	if ((rc = editable(db, case_id)) != EHC_OK ||
	    (rc = check_item_in(db, kind, in, 1)) != EHC_OK)
		return rc;
	if ((rc = ehc__db_cached(db, &st, "SELECT coalesce(max(seq), 0) + 1 "
	    "FROM plan_item WHERE case_id = ?1 AND section = ?2")) != EHC_OK)
		return rc;
	sqlite3_bind_int64(st, 1, case_id);
	sqlite3_bind_text(st, 2, ehc_plan_section_name(section), -1, SQLITE_STATIC);
	if ((rc = sqlite3_step(st)) != SQLITE_ROW) {
		rc = ehc__db_error(db, rc, "numbering the item");
		goto out;
	}
	seq = sqlite3_column_int(st, 0);
	sqlite3_reset(st);
	st = NULL;
	if (seq > 99999) {
		rc = ehc__db_fail(db, EHC_EINVAL, "section %s is full",
		    ehc_plan_section_name(section));
		goto out;
	}
	if ((rc = ehc__db_cached(db, &st, "INSERT INTO plan_item(case_id, "
	    "section, seq, text, amount, frequency, provider, pfa) VALUES "
	    "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)")) != EHC_OK)
		goto out;
	sqlite3_bind_int64(st, 1, case_id);
	sqlite3_bind_text(st, 2, ehc_plan_section_name(section), -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 3, seq);
	sqlite3_bind_text(st, 4, in->text, -1, SQLITE_STATIC);
	bind_opt(st, 5, in->amount);
	bind_opt(st, 6, in->frequency);
	bind_opt(st, 7, in->by);
	bind_opt(st, 8, in->pfa);
	if ((rc = ehc__db_step_done(db, st, "adding to the plan")) != EHC_OK)
		goto out;
	id = sqlite3_last_insert_rowid(db->h);
	if (in->links != NULL && (rc = set_links(db, case_id, id, kind,
	    in->links, in->nlinks)) != EHC_OK)
		goto out;
	ehc__plan_format_ref(ref, section, seq);
	snprintf(detail, sizeof(detail), "item=%s add", ref);
	if ((rc = ehc__audit(db, case_id, "plan item", detail)) != EHC_OK)
		goto out;
	if (ref_out != NULL)
		memcpy(ref_out, ref, sizeof(ref));
out:
	sqlite3_reset(st);
	return rc;
}

/* Look up ref for an edit or removal. */
static int
lookup_ref(struct ehc_db *db, int64_t case_id, const char *ref,
    int *section, int64_t *id)
{
	int seq, rc;

	if (ehc__plan_parse_ref(ref, section, &seq) != 0)
		return ehc__db_fail(db, EHC_EINVAL, "'%.20s' is not an item "
		    "reference, such as B1, E2, F3 or H1.1", ref ? ref : "");
	if ((rc = find_item(db, case_id, *section, seq, id)) == EHC_ENOTFOUND)
		return ehc__db_fail(db, EHC_ENOTFOUND, "the plan has no item "
		    "%.20s; see 'ehc draft CASE show'", ref);
	return rc;
}

static int
item_edit(struct ehc_db *db, int64_t case_id, const char *ref,
    const struct ehc_plan_item_in *in)
{
	static const struct {
		const char	*sql;
		size_t		 off;
	} fields[] = {
		{ "UPDATE plan_item SET text = ?2 WHERE id = ?1",
		    offsetof(struct ehc_plan_item_in, text) },
		{ "UPDATE plan_item SET amount = ?2 WHERE id = ?1",
		    offsetof(struct ehc_plan_item_in, amount) },
		{ "UPDATE plan_item SET frequency = ?2 WHERE id = ?1",
		    offsetof(struct ehc_plan_item_in, frequency) },
		{ "UPDATE plan_item SET provider = ?2 WHERE id = ?1",
		    offsetof(struct ehc_plan_item_in, by) },
		{ "UPDATE plan_item SET pfa = ?2 WHERE id = ?1",
		    offsetof(struct ehc_plan_item_in, pfa) },
	};
	sqlite3_stmt *st;
	char detail[64];
	const char *v;
	int64_t id;
	int rc, section, kind;
	size_t i;

	if ((rc = editable(db, case_id)) != EHC_OK ||
	    (rc = lookup_ref(db, case_id, ref, &section, &id)) != EHC_OK)
		return rc;
	kind = ehc_plan_section_kind(section);
	if ((rc = check_item_in(db, kind, in, 0)) != EHC_OK)
		return rc;
	for (i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
		memcpy(&v, (const char *)in + fields[i].off, sizeof(v));
		if (v == NULL)
			continue;
		if ((rc = ehc__db_prepare(db, &st, fields[i].sql)) != EHC_OK)
			return rc;
		sqlite3_bind_int64(st, 1, id);
		bind_opt(st, 2, v);
		rc = ehc__db_step_done(db, st, "changing the plan");
		sqlite3_finalize(st);
		if (rc != EHC_OK)
			return rc;
	}
	if (in->links != NULL && (rc = set_links(db, case_id, id, kind,
	    in->links, in->nlinks)) != EHC_OK)
		return rc;
	snprintf(detail, sizeof(detail), "item=%.20s edit", ref);
	return ehc__audit(db, case_id, "plan item", detail);
}

static int
item_remove(struct ehc_db *db, int64_t case_id, const char *ref)
{
	char detail[64];
	int64_t id;
	int rc, section;

	if ((rc = editable(db, case_id)) != EHC_OK ||
	    (rc = lookup_ref(db, case_id, ref, &section, &id)) != EHC_OK)
		return rc;
	if ((rc = ehc__exec(db, "UPDATE plan_item SET removed = 1 WHERE "
	    "id = ?1", id, EHC_NO_DATE, EHC_NO_DATE, NULL, NULL)) != EHC_OK ||
	    (rc = ehc__exec(db, "DELETE FROM plan_link WHERE item_id = ?1 OR "
	    "target_id = ?1", id, EHC_NO_DATE, EHC_NO_DATE, NULL, NULL))
	    != EHC_OK)
		return rc;
	snprintf(detail, sizeof(detail), "item=%.20s remove", ref);
	return ehc__audit(db, case_id, "plan item", detail);
}

/* Loading. */

static char *
dup_col(sqlite3_stmt *st, int col, int *oom)
{
	const char *s = (const char *)sqlite3_column_text(st, col);
	char *d;

	if (s == NULL)
		return NULL;
	if ((d = strdup(s)) == NULL)
		*oom = 1;
	return d;
}

static char *
dup_str(const char *s, int *oom)
{
	char *d;

	if (s == NULL)
		return NULL;
	if ((d = strdup(s)) == NULL)
		*oom = 1;
	return d;
}

void
ehc_plan_release(struct ehc_plan *plan)
{
	size_t i, j;
	int s;

	if (plan == NULL)
		return;
	free(plan->case_ref);
	free(plan->forename);
	free(plan->surname);
	free(plan->kind);
	for (s = 0; s < EHC_PLAN_NSECTIONS; s++)
		free(plan->text[s]);
	for (i = 0; i < plan->nitems; i++) {
		struct ehc_plan_item *it = &plan->items[i];

		free(it->text);
		free(it->amount);
		free(it->frequency);
		free(it->by);
		free(it->pfa);
		for (j = 0; j < it->nlinks; j++)
			free(it->links[j]);
		free(it->links);
	}
	free(plan->items);
	memset(plan, 0, sizeof(*plan));
}

int
ehc_plan_is_empty(const struct ehc_plan *plan)
{
	int s;

	if (plan->nitems > 0)
		return 0;
	for (s = 0; s < EHC_PLAN_NSECTIONS; s++)
		if (!ehc__plan_blank(plan->text[s]))
			return 0;
	return 1;
}

/* Give every section text, "" where none was read. */
static int
fill_texts(struct ehc_plan *plan)
{
	int s;

	for (s = 0; s < EHC_PLAN_NSECTIONS; s++)
		if (plan->text[s] == NULL &&
		    (plan->text[s] = strdup("")) == NULL)
			return EHC_ENOMEM;
	return EHC_OK;
}

static int
add_link(struct ehc_plan_item *it, const char *ref)
{
	char **links;

	links = realloc(it->links, (it->nlinks + 1) * sizeof(*links));
	if (links == NULL)
		return EHC_ENOMEM;
	it->links = links;
	if ((links[it->nlinks] = strdup(ref)) == NULL)
		return EHC_ENOMEM;
	it->nlinks++;
	return EHC_OK;
}

static int
load_person(struct ehc_plan *plan, struct ehc_db *db, int64_t case_id)
{
	sqlite3_stmt *st;
	int rc, oom = 0;

	if ((rc = ehc__db_cached(db, &st, "SELECT c.ref, p.forename, "
	    "p.surname, p.dob FROM cases c JOIN person p ON p.id = "
	    "c.person_id WHERE c.id = ?1")) != EHC_OK)
		return rc;
	sqlite3_bind_int64(st, 1, case_id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		plan->case_ref = dup_col(st, 0, &oom);
		plan->forename = dup_col(st, 1, &oom);
		plan->surname = dup_col(st, 2, &oom);
		plan->dob = ehc__column_date(st, 3);
		rc = oom ? ehc__db_fail(db, EHC_ENOMEM, "out of memory") :
		    EHC_OK;
	} else if (rc == SQLITE_DONE)
		rc = ehc__db_fail(db, EHC_ENOTFOUND, "no such case");
	else
		rc = ehc__db_error(db, rc, "reading a case");
	sqlite3_reset(st);
	return rc;
}

static int
load_working(struct ehc_plan *plan, struct ehc_db *db, int64_t case_id)
{
	sqlite3_stmt *st = NULL;
	int64_t *ids = NULL, item;
	char ref[EHC_PLAN_REF_LEN];
	size_t cap = 0, i;
	int rc, s, oom = 0;

	plan->date = EHC_NO_DATE;
	if ((rc = ehc__db_cached(db, &st, "SELECT section, text FROM "
	    "plan_section WHERE case_id = ?1")) != EHC_OK)
		goto out;
	sqlite3_bind_int64(st, 1, case_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		s = ehc_plan_section_parse((const char *)
		    sqlite3_column_text(st, 0));
		if (s >= 0 && plan->text[s] == NULL)
			plan->text[s] = dup_col(st, 1, &oom);
	}
	if (rc != SQLITE_DONE) {
		rc = ehc__db_error(db, rc, "reading the plan");
		goto out;
	}
	sqlite3_reset(st);
	st = NULL;
	/* Section names sort in plan order: B ... G, H1, H2. */
	if ((rc = ehc__db_cached(db, &st, "SELECT id, section, seq, text, "
	    "amount, frequency, provider, pfa FROM plan_item WHERE "
	    "case_id = ?1 AND removed = 0 ORDER BY section, seq")) != EHC_OK)
		goto out;
	sqlite3_bind_int64(st, 1, case_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct ehc_plan_item *it;

		s = ehc_plan_section_parse((const char *)
		    sqlite3_column_text(st, 1));
		if (s < 0)
			continue;
		if (plan->nitems == cap) {
			struct ehc_plan_item *n;
			int64_t *nid;

			cap = cap ? cap * 2 : 16;
			if ((n = realloc(plan->items, cap * sizeof(*n)))
			    == NULL) {
				oom = 1;
				break;
			}
			plan->items = n;
			if ((nid = realloc(ids, cap * sizeof(*nid))) == NULL) {
				oom = 1;
				break;
			}
			ids = nid;
		}
		it = &plan->items[plan->nitems];
		memset(it, 0, sizeof(*it));
		ids[plan->nitems++] = sqlite3_column_int64(st, 0);
		it->section = s;
		it->seq = sqlite3_column_int(st, 2);
		ehc__plan_format_ref(it->ref, s, it->seq);
		it->text = dup_col(st, 3, &oom);
		it->amount = dup_col(st, 4, &oom);
		it->frequency = dup_col(st, 5, &oom);
		it->by = dup_col(st, 6, &oom);
		it->pfa = dup_col(st, 7, &oom);
	}
	if (oom)
		goto oom;
	if (rc != SQLITE_DONE) {
		rc = ehc__db_error(db, rc, "reading the plan");
		goto out;
	}
	sqlite3_reset(st);
	st = NULL;
	if ((rc = ehc__db_cached(db, &st, "SELECT l.item_id, t.section, "
	    "t.seq FROM plan_link l JOIN plan_item t ON t.id = l.target_id "
	    "JOIN plan_item i ON i.id = l.item_id WHERE i.case_id = ?1 AND "
	    "i.removed = 0 AND t.removed = 0 ORDER BY l.item_id, t.section, "
	    "t.seq")) != EHC_OK)
		goto out;
	sqlite3_bind_int64(st, 1, case_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		item = sqlite3_column_int64(st, 0);
		s = ehc_plan_section_parse((const char *)
		    sqlite3_column_text(st, 1));
		if (s < 0)
			continue;
		ehc__plan_format_ref(ref, s, sqlite3_column_int(st, 2));
		for (i = 0; i < plan->nitems; i++)
			if (ids[i] == item)
				break;
		if (i < plan->nitems && add_link(&plan->items[i], ref)
		    != EHC_OK)
			goto oom;
	}
	if (rc != SQLITE_DONE) {
		rc = ehc__db_error(db, rc, "reading the plan");
		goto out;
	}
	rc = EHC_OK;
	goto out;
oom:
	rc = ehc__db_fail(db, EHC_ENOMEM, "out of memory");
out:
	sqlite3_reset(st);
	free(ids);
	return rc;
}

/* A string member of a JSON object, or NULL. */
static const char *
jstr(const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);

	return cJSON_IsString(v) ? v->valuestring : NULL;
}

/* Fill plan's content from a stored JSON document. */
static int
from_json(struct ehc_plan *plan, struct ehc_db *db, const char *json)
{
	cJSON *doc, *secs, *sec, *items, *jit, *links, *l;
	int rc = EHC_OK, s, oom = 0;
	size_t n;

	if ((doc = cJSON_Parse(json)) == NULL)
		return ehc__db_fail(db, EHC_ERROR, "a stored plan version "
		    "cannot be read");
	secs = cJSON_GetObjectItemCaseSensitive(doc, "sections");
	cJSON_ArrayForEach(sec, secs) {
		if ((s = ehc_plan_section_parse(jstr(sec, "section"))) < 0)
			continue;
		if (plan->text[s] == NULL)
			plan->text[s] = dup_str(jstr(sec, "text"), &oom);
		items = cJSON_GetObjectItemCaseSensitive(sec, "items");
		n = (size_t)cJSON_GetArraySize(items);
		if (n == 0)
			continue;
		{
			struct ehc_plan_item *ni;

			ni = realloc(plan->items, (plan->nitems + n) *
			    sizeof(*ni));
			if (ni == NULL) {
				oom = 1;
				break;
			}
			plan->items = ni;
		}
		cJSON_ArrayForEach(jit, items) {
			struct ehc_plan_item *it = &plan->items[plan->nitems];
			const char *ref = jstr(jit, "ref");
			const cJSON *seq;

			memset(it, 0, sizeof(*it));
			it->section = s;
			seq = cJSON_GetObjectItemCaseSensitive(jit, "seq");
			it->seq = cJSON_IsNumber(seq) ? seq->valueint : 0;
			snprintf(it->ref, sizeof(it->ref), "%s",
			    ref ? ref : "");
			plan->nitems++;
			it->text = dup_str(jstr(jit, "text"), &oom);
			if (it->text == NULL && !oom)
				it->text = dup_str("", &oom);
			it->amount = dup_str(jstr(jit, "amount"), &oom);
			it->frequency = dup_str(jstr(jit, "frequency"), &oom);
			it->by = dup_str(jstr(jit, "by"), &oom);
			it->pfa = dup_str(jstr(jit, "pfa"), &oom);
			links = cJSON_GetObjectItemCaseSensitive(jit, "links");
			cJSON_ArrayForEach(l, links)
				if (cJSON_IsString(l) &&
				    add_link(it, l->valuestring) != EHC_OK)
					oom = 1;
		}
	}
	if (oom)
		rc = ehc__db_fail(db, EHC_ENOMEM, "out of memory");
	cJSON_Delete(doc);
	return rc;
}

static int
load_version(struct ehc_plan *plan, struct ehc_db *db, int64_t case_id,
    int version)
{
	sqlite3_stmt *st;
	int rc, oom = 0;

	if ((rc = ehc__db_cached(db, &st, "SELECT kind, date, content FROM "
	    "plan_version WHERE case_id = ?1 AND number = ?2")) != EHC_OK)
		return rc;
	sqlite3_bind_int64(st, 1, case_id);
	sqlite3_bind_int(st, 2, version);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		plan->version = version;
		plan->kind = dup_col(st, 0, &oom);
		plan->date = ehc__column_date(st, 1);
		rc = oom ? ehc__db_fail(db, EHC_ENOMEM, "out of memory") :
		    from_json(plan, db, (const char *)sqlite3_column_text(st,
		    2));
	} else if (rc == SQLITE_DONE)
		rc = ehc__db_fail(db, EHC_ENOTFOUND, "the plan has no version "
		    "%d; see 'ehc draft CASE log'", version);
	else
		rc = ehc__db_error(db, rc, "reading a plan version");
	sqlite3_reset(st);
	return rc;
}

int
ehc_plan_load(struct ehc_plan *out, struct ehc_db *db, int64_t case_id,
    int version)
{
	int rc;

	memset(out, 0, sizeof(*out));
	out->dob = EHC_NO_DATE;
	out->date = EHC_NO_DATE;
	if (version < 0)
		return ehc__db_fail(db, EHC_EINVAL, "a version is a number "
		    "from 1");
	if ((rc = load_person(out, db, case_id)) != EHC_OK)
		goto fail;
	rc = version == 0 ? load_working(out, db, case_id) :
	    load_version(out, db, case_id, version);
	if (rc != EHC_OK)
		goto fail;
	if (fill_texts(out) != EHC_OK) {
		rc = ehc__db_fail(db, EHC_ENOMEM, "out of memory");
		goto fail;
	}
	return EHC_OK;
fail:
	ehc_plan_release(out);
	out->dob = EHC_NO_DATE;
	out->date = EHC_NO_DATE;
	return rc;
}

/* Versions. */

static int
version_insert(struct ehc_db *db, int64_t case_id, int kind, int32_t date,
    int64_t amendment_id, int *number_out)
{
	struct ehc_plan plan;
	sqlite3_stmt *st = NULL;
	char *json = NULL, at[32], detail[96], d[EHC_DATE_LEN];
	time_t now = time(NULL);
	struct tm tm;
	int rc, number;

	if (ehc_plan_kind_name(kind) == NULL)
		return ehc__db_fail(db, EHC_EINVAL, "unknown kind of plan "
		    "version");
	if (date == EHC_NO_DATE)
		return ehc__db_fail(db, EHC_EINVAL, "a plan version needs a "
		    "date");
	if ((rc = ehc_plan_load(&plan, db, case_id, 0)) != EHC_OK)
		return rc;
	if ((rc = ehc__plan_json(&plan, &json)) != EHC_OK) {
		rc = ehc__db_fail(db, rc, "out of memory");
		goto out;
	}
	if ((rc = ehc_plan_version_latest(&number, db, case_id)) != EHC_OK)
		goto out;
	number++;
	gmtime_r(&now, &tm);
	strftime(at, sizeof(at), "%Y-%m-%dT%H:%M:%SZ", &tm);
	if ((rc = ehc__db_cached(db, &st, "INSERT INTO plan_version(case_id, "
	    "number, kind, date, amendment_id, created, user, content) "
	    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)")) != EHC_OK)
		goto out;
	sqlite3_bind_int64(st, 1, case_id);
	sqlite3_bind_int(st, 2, number);
	sqlite3_bind_text(st, 3, ehc_plan_kind_name(kind), -1,
	    SQLITE_STATIC);
	ehc__bind_date(st, 4, date);
	if (amendment_id > 0)
		sqlite3_bind_int64(st, 5, amendment_id);
	sqlite3_bind_text(st, 6, at, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 7, db->user ? db->user : "unknown", -1,
	    SQLITE_STATIC);
	sqlite3_bind_text(st, 8, json, -1, SQLITE_STATIC);
	if ((rc = ehc__db_step_done(db, st, "storing a plan version"))
	    != EHC_OK)
		goto out;
	ehc_date_format(d, sizeof(d), date);
	snprintf(detail, sizeof(detail), "version=%d kind=%s date=%s", number,
	    ehc_plan_kind_name(kind), d);
	if ((rc = ehc__audit(db, case_id, "plan version", detail)) != EHC_OK)
		goto out;
	if (number_out != NULL)
		*number_out = number;
out:
	sqlite3_reset(st);
	free(json);
	ehc_plan_release(&plan);
	return rc;
}

/* The amendment a proposed or amended version belongs to: the latest. */
static int
latest_amendment(struct ehc_db *db, int64_t case_id, int64_t *out)
{
	sqlite3_stmt *st;
	int rc;

	*out = 0;
	if ((rc = ehc__db_cached(db, &st, "SELECT id FROM amendment WHERE "
	    "case_id = ?1 ORDER BY id DESC LIMIT 1")) != EHC_OK)
		return rc;
	sqlite3_bind_int64(st, 1, case_id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*out = sqlite3_column_int64(st, 0);
	rc = (rc == SQLITE_ROW || rc == SQLITE_DONE) ? EHC_OK :
	    ehc__db_error(db, rc, "reading amendments");
	sqlite3_reset(st);
	return rc;
}

int
ehc_plan_version_create(int *number_out, struct ehc_db *db, int64_t case_id,
    enum ehc_plan_kind kind, int32_t date)
{
	struct case_state cs;
	int64_t amendment = 0;
	int rc;

	if ((rc = ehc__case_state(db, case_id, &cs)) != EHC_OK)
		return rc;
	if ((kind == EHC_PLAN_PROPOSED || kind == EHC_PLAN_AMENDED) &&
	    (rc = latest_amendment(db, case_id, &amendment)) != EHC_OK)
		return rc;
	if ((rc = sp_begin(db)) != EHC_OK)
		return rc;
	return sp_end(db, version_insert(db, case_id, (int)kind, date,
	    amendment, number_out));
}

int
ehc_plan_version_latest(int *number_out, struct ehc_db *db, int64_t case_id)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = ehc__db_cached(db, &st, "SELECT coalesce(max(number), 0) "
	    "FROM plan_version WHERE case_id = ?1")) != EHC_OK)
		return rc;
	sqlite3_bind_int64(st, 1, case_id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*number_out = sqlite3_column_int(st, 0);
		rc = EHC_OK;
	} else
		rc = ehc__db_error(db, rc, "reading plan versions");
	sqlite3_reset(st);
	return rc;
}

int
ehc_plan_version_foreach(struct ehc_db *db, int64_t case_id,
    int (*cb)(const struct ehc_plan_version *, void *), void *payload)
{
	struct ehc_plan_version v;
	struct case_state cs;
	sqlite3_stmt *st;
	int rc;

	if ((rc = ehc__case_state(db, case_id, &cs)) != EHC_OK)
		return rc;
	if ((rc = ehc__db_prepare(db, &st, "SELECT number, kind, date, user, "
	    "created FROM plan_version WHERE case_id = ?1 ORDER BY number"))
	    != EHC_OK)
		return rc;
	sqlite3_bind_int64(st, 1, case_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		v.number = sqlite3_column_int(st, 0);
		v.kind = (const char *)sqlite3_column_text(st, 1);
		v.date = ehc__column_date(st, 2);
		v.user = (const char *)sqlite3_column_text(st, 3);
		v.created = (const char *)sqlite3_column_text(st, 4);
		if ((rc = cb(&v, payload)) != 0)
			goto out;
	}
	rc = rc == SQLITE_DONE ? EHC_OK : ehc__db_error(db, rc,
	    "reading plan versions");
out:
	sqlite3_finalize(st);
	return rc;
}

/* Whether a version of kind exists, matching date or amendment. */
static int
have_version(struct ehc_db *db, int64_t case_id, const char *kind,
    int32_t date, int64_t amendment, int *out)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = ehc__db_cached(db, &st, "SELECT 1 FROM plan_version WHERE "
	    "case_id = ?1 AND kind = ?2 AND (?3 IS NULL OR date = ?3) AND "
	    "(?4 IS NULL OR amendment_id = ?4)")) != EHC_OK)
		return rc;
	sqlite3_bind_int64(st, 1, case_id);
	sqlite3_bind_text(st, 2, kind, -1, SQLITE_STATIC);
	ehc__bind_date(st, 3, date);
	if (amendment > 0)
		sqlite3_bind_int64(st, 4, amendment);
	rc = sqlite3_step(st);
	*out = rc == SQLITE_ROW;
	rc = (rc == SQLITE_ROW || rc == SQLITE_DONE) ? EHC_OK :
	    ehc__db_error(db, rc, "reading plan versions");
	sqlite3_reset(st);
	return rc;
}

/*
 * Catch up: the content cannot have changed since a step that was not
 * snapshotted, as long as every change goes through this module and each
 * change calls ehc_plan_sync first, so the working copy is what went out.
 * Nothing is taken while the working copy is empty (a plan imported or
 * made by the demo, with no content in ehc).
 */
static int	sync_versions(struct ehc_db *, int64_t, int *);

int
ehc_plan_sync(int *created_out, struct ehc_db *db, int64_t case_id)
{
	int rc;

	if (created_out != NULL)
		*created_out = 0;
	if ((rc = sp_begin(db)) != EHC_OK)
		return rc;
	return sp_end(db, sync_versions(db, case_id, created_out));
}

static int
sync_versions(struct ehc_db *db, int64_t case_id, int *created_out)
{
	struct case_state cs;
	struct ehc_plan plan;
	sqlite3_stmt *st = NULL;
	int rc, have, empty, number = 0;
	struct {
		int64_t	 id;
		int32_t	 proposed, final;
	} *am = NULL;
	size_t nam = 0, cap = 0, i;

	if (created_out != NULL)
		*created_out = 0;
	if ((rc = ehc__case_state(db, case_id, &cs)) != EHC_OK)
		return rc;
	if (cs.draft_date == EHC_NO_DATE && cs.final_date == EHC_NO_DATE)
		return EHC_OK;
	if ((rc = ehc_plan_load(&plan, db, case_id, 0)) != EHC_OK)
		return rc;
	empty = ehc_plan_is_empty(&plan);
	ehc_plan_release(&plan);
	if (empty)
		return EHC_OK;
	if (cs.draft_date != EHC_NO_DATE) {
		if ((rc = have_version(db, case_id, "draft", cs.draft_date, 0,
		    &have)) != EHC_OK)
			return rc;
		if (!have && (rc = version_insert(db, case_id, EHC_PLAN_DRAFT,
		    cs.draft_date, 0, &number)) != EHC_OK)
			return rc;
	}
	if (cs.final_date != EHC_NO_DATE) {
		if ((rc = have_version(db, case_id, "final", EHC_NO_DATE, 0,
		    &have)) != EHC_OK)
			return rc;
		if (!have && (rc = version_insert(db, case_id, EHC_PLAN_FINAL,
		    cs.final_date, 0, &number)) != EHC_OK)
			return rc;
	}
	if ((rc = ehc__db_cached(db, &st, "SELECT id, proposed, final FROM "
	    "amendment WHERE case_id = ?1 ORDER BY id")) != EHC_OK)
		return rc;
	sqlite3_bind_int64(st, 1, case_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (nam == cap) {
			void *n;

			cap = cap ? cap * 2 : 4;
			if ((n = realloc(am, cap * sizeof(*am))) == NULL) {
				rc = ehc__db_fail(db, EHC_ENOMEM,
				    "out of memory");
				goto out;
			}
			am = n;
		}
		am[nam].id = sqlite3_column_int64(st, 0);
		am[nam].proposed = ehc__column_date(st, 1);
		am[nam++].final = ehc__column_date(st, 2);
	}
	if (rc != SQLITE_DONE) {
		rc = ehc__db_error(db, rc, "reading amendments");
		goto out;
	}
	rc = EHC_OK;
	for (i = 0; i < nam; i++) {
		if ((rc = have_version(db, case_id, "proposed", EHC_NO_DATE,
		    am[i].id, &have)) != EHC_OK)
			goto out;
		if (!have && (rc = version_insert(db, case_id,
		    EHC_PLAN_PROPOSED, am[i].proposed, am[i].id, &number))
		    != EHC_OK)
			goto out;
		if (am[i].final == EHC_NO_DATE)
			continue;
		if ((rc = have_version(db, case_id, "amended", EHC_NO_DATE,
		    am[i].id, &have)) != EHC_OK)
			goto out;
		if (!have && (rc = version_insert(db, case_id,
		    EHC_PLAN_AMENDED, am[i].final, am[i].id, &number))
		    != EHC_OK)
			goto out;
	}
out:
	sqlite3_reset(st);
	free(am);
	if (rc == EHC_OK && created_out != NULL)
		*created_out = number;
	return rc;
}
