/*
 * schema.c: the store's schema as an ordered list of migrations.  The
 * list only grows: a migration that has shipped is never edited, and the
 * schema is exactly what applying them in order gives.
 */
#include "internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct migration {
	int			 version;
	const char *const	*sql;	/* statements, NULL-terminated */
	int			(*run)(struct ehc_db *);	/* then this */
};

static const char *const v1[] = {
	/* A child or young person. */
	"CREATE TABLE person ("
	"  id INTEGER PRIMARY KEY,"
	"  forename TEXT NOT NULL,"
	"  surname TEXT NOT NULL,"
	"  dob TEXT NOT NULL,"			/* YYYY-MM-DD */
	"  sex TEXT CHECK (sex IN ('M', 'F')),"
	"  ethnicity TEXT,"			/* CBDS code */
	"  postcode TEXT,"
	"  upn TEXT,"				/* unique pupil number */
	"  uln TEXT,"				/* unique learner number */
	"  upn_unknown TEXT"			/* SEN2 UN reason */
	") STRICT;",
	"CREATE INDEX person_upn ON person(upn);",
	/*
	 * A case: one request for an EHC needs assessment and, when a plan
	 * follows, the plan it led to (SEN2 reports a plan under its request).
	 */
	"CREATE TABLE cases ("
	/* Never reused: a reference names one case for ever. */
	"  id INTEGER PRIMARY KEY AUTOINCREMENT,"
	"  ref TEXT NOT NULL UNIQUE,"
	"  person_id INTEGER NOT NULL REFERENCES person(id),"
	"  received TEXT,"			/* NULL: historic plan */
	"  source TEXT,"			/* who asked */
	"  rya INTEGER NOT NULL DEFAULT 0,"	/* relevant youth accommodation */
	"  officer TEXT,"
	"  setting TEXT,"			/* URN/UKPRN attended */
	"  safeguarding INTEGER NOT NULL DEFAULT 0,"
	"  looked_after INTEGER NOT NULL DEFAULT 0,"
	"  chc INTEGER NOT NULL DEFAULT 0,"	/* continuing health care */
	/* Not at a school or institution: reviews follow reg 21. */
	"  not_in_school INTEGER NOT NULL DEFAULT 0,"
	"  withdrawn TEXT,"
	"  assess TEXT CHECK (assess IN ('Y', 'N', 'H')),"
	"  assess_date TEXT,"
	"  issue TEXT CHECK (issue IN ('Y', 'N', 'H')),"
	"  issue_date TEXT,"
	"  draft_date TEXT,"			/* draft plan served */
	"  final_date TEXT,"			/* plan first issued */
	"  final_forced TEXT,"			/* why finalised early */
	"  reason TEXT,"			/* reasons for the last decision */
	"  transfer_la TEXT,"			/* plan transferred in from */
	"  exported TEXT,"			/* moved out before finishing */
	"  cease_date TEXT,"
	"  cease_reason TEXT,"
	"  plan_res TEXT, plan_wbp TEXT,"
	"  pb INTEGER NOT NULL DEFAULT 0, oa INTEGER, dp TEXT,"
	"  request_mediation INTEGER NOT NULL DEFAULT 0,"
	"  request_tribunal INTEGER NOT NULL DEFAULT 0,"
	"  assessment_mediation INTEGER NOT NULL DEFAULT 0,"
	"  assessment_tribunal INTEGER NOT NULL DEFAULT 0,"
	"  other_mediation INTEGER NOT NULL DEFAULT 0,"
	"  other_tribunal INTEGER NOT NULL DEFAULT 0,"
	"  created TEXT NOT NULL"
	") STRICT;",
	"CREATE INDEX cases_person ON cases(person_id);",
	"CREATE INDEX cases_officer ON cases(officer);",
	/* Advice sought (reg 6) or re-used (reg 6(4)). */
	"CREATE TABLE advice ("
	"  id INTEGER PRIMARY KEY,"
	"  case_id INTEGER NOT NULL REFERENCES cases(id),"
	"  seq INTEGER NOT NULL,"		/* A<seq> within the case */
	"  type TEXT NOT NULL,"
	"  provider TEXT,"
	"  requested TEXT NOT NULL,"		/* sent by the authority */
	"  received_by TEXT NOT NULL,"		/* reached the adviser */
	"  received TEXT,"			/* advice came back */
	"  reused INTEGER NOT NULL DEFAULT 0,"
	"  UNIQUE (case_id, seq)"
	") STRICT;",
	/* Exceptions to a time limit; they never move the due date. */
	"CREATE TABLE exception ("
	"  id INTEGER PRIMARY KEY,"
	"  case_id INTEGER NOT NULL REFERENCES cases(id),"
	"  step TEXT NOT NULL,"
	"  limb TEXT NOT NULL,"
	"  advice_id INTEGER REFERENCES advice(id),"
	"  date TEXT NOT NULL,"
	"  note TEXT"
	") STRICT;",
	"CREATE INDEX exception_case ON exception(case_id);",
	/* Annual reviews. */
	"CREATE TABLE review ("
	"  id INTEGER PRIMARY KEY,"
	"  case_id INTEGER NOT NULL REFERENCES cases(id),"
	"  meeting TEXT NOT NULL,"
	"  report TEXT,"
	"  outcome TEXT CHECK (outcome IN ('M', 'A', 'C')),"
	"  decided TEXT,"
	"  not_in_school INTEGER NOT NULL DEFAULT 0"	/* reg 21 */
	") STRICT;",
	"CREATE INDEX review_case ON review(case_id);",
	/* Amendments under reg 22, after a review or on their own. */
	"CREATE TABLE amendment ("
	"  id INTEGER PRIMARY KEY,"
	"  case_id INTEGER NOT NULL REFERENCES cases(id),"
	"  review_id INTEGER REFERENCES review(id),"
	"  proposed TEXT NOT NULL,"
	"  final TEXT,"
	"  not_amended TEXT"			/* decided not to amend */
	") STRICT;",
	"CREATE INDEX amendment_case ON amendment(case_id);",
	/* A coming transfer between phases (reg 18). */
	"CREATE TABLE phase_transfer ("
	"  id INTEGER PRIMARY KEY,"
	"  case_id INTEGER NOT NULL REFERENCES cases(id),"
	"  transfer TEXT NOT NULL,"
	"  kind TEXT NOT NULL CHECK (kind IN ('school', 'post-16',"
	"    'post-16-move'))"
	") STRICT;",
	"CREATE INDEX phase_transfer_case ON phase_transfer(case_id);",
	/* Communication log: calls, meetings, letters. */
	"CREATE TABLE note ("
	"  id INTEGER PRIMARY KEY,"
	"  case_id INTEGER NOT NULL REFERENCES cases(id),"
	"  date TEXT NOT NULL,"
	"  kind TEXT NOT NULL,"
	"  author TEXT NOT NULL,"
	"  text TEXT NOT NULL"
	") STRICT;",
	"CREATE INDEX note_case ON note(case_id);",
	/* Settings named in the plan (SEN2 PlanDetail). */
	"CREATE TABLE plan_detail ("
	"  case_id INTEGER NOT NULL REFERENCES cases(id),"
	"  seq INTEGER NOT NULL,"
	"  urn TEXT, ukprn TEXT, sen_setting TEXT, sen_setting_other TEXT,"
	"  placement_rank INTEGER NOT NULL,"
	"  sen_unit INTEGER, resourced INTEGER,"
	"  PRIMARY KEY (case_id, seq)"
	") STRICT;",
	/* Settings attended (SEN2 PlacementDetail). */
	"CREATE TABLE placement ("
	"  case_id INTEGER NOT NULL REFERENCES cases(id),"
	"  seq INTEGER NOT NULL,"
	"  urn TEXT, ukprn TEXT, sen_setting TEXT, sen_setting_other TEXT,"
	"  placement_rank INTEGER NOT NULL,"
	"  entry TEXT, leaving TEXT,"
	"  sen_unit INTEGER, resourced INTEGER, res TEXT, wbp TEXT,"
	"  PRIMARY KEY (case_id, seq)"
	") STRICT;",
	/* Needs in the plan, primary rank 1. */
	"CREATE TABLE need ("
	"  case_id INTEGER NOT NULL REFERENCES cases(id),"
	"  type TEXT NOT NULL,"
	"  rank INTEGER NOT NULL CHECK (rank IN (1, 2)),"
	"  PRIMARY KEY (case_id, rank)"
	") STRICT;",
	/*
	 * Deadlines, recomputed from the case's events on every write to
	 * the case; status is derived from today when read.
	 */
	"CREATE TABLE deadline ("
	"  case_id INTEGER NOT NULL REFERENCES cases(id),"
	"  seq INTEGER NOT NULL,"		/* order of the steps */
	"  rule TEXT NOT NULL,"
	"  rule_id TEXT NOT NULL,"
	"  subject TEXT,"			/* e.g. the advice reference */
	"  due TEXT NOT NULL,"
	"  done TEXT,"
	"  void INTEGER NOT NULL DEFAULT 0,"
	"  exception TEXT,"			/* limb relied on */
	"  explain TEXT NOT NULL,"
	"  advisory INTEGER NOT NULL DEFAULT 0,"
	"  PRIMARY KEY (case_id, seq)"
	") STRICT;",
	"CREATE INDEX deadline_open ON deadline(due) "
	"  WHERE done IS NULL AND void = 0 AND advisory = 0;",
	/*
	 * The statutory rules as data: the clock takes every offset and
	 * its regulation from here.
	 */
	"CREATE TABLE rule ("
	"  id TEXT PRIMARY KEY,"
	"  rule TEXT NOT NULL,"			/* the name deadlines carry */
	"  regulation TEXT NOT NULL,"
	"  trigger TEXT NOT NULL,"
	"  amount INTEGER NOT NULL,"
	"  unit TEXT NOT NULL CHECK (unit IN ('days', 'weeks', 'months',"
	"    'period-months', 'days-beginning-with', 'before-date',"
	"    'working-days-beginning-with')),"
	"  fixed TEXT,"				/* MM-DD for before-date */
	"  exceptions TEXT NOT NULL DEFAULT '',"
	"  note TEXT NOT NULL DEFAULT '',"
	/* 'tribunal': HESC rule 12 moves the date; 'send' never does. */
	"  calendar TEXT NOT NULL DEFAULT 'send' CHECK (calendar IN"
	"    ('send', 'tribunal')),"
	/* Guidance or the family's date: a reminder, never a breach. */
	"  advisory INTEGER NOT NULL DEFAULT 0"
	") STRICT;",
	"INSERT INTO rule(id, rule, regulation, trigger, amount, unit, fixed,"
	"  exceptions, note) VALUES"
	"  ('decide-assess', 'decide-assess',"
	"   'SEND Regulations 2014 reg 5(1) (and reg 4(1))',"
	"   'the day the request was received', 6, 'weeks', NULL,"
	"   'school-closure early-years-closure personal-circumstances absence',"
	"   'exceptions: reg 5(4)(a)-(d)'),"
	"  ('advice', 'advice', 'SEND Regulations 2014 reg 8(1)',"
	"   'the day the adviser received the request', 6, 'weeks', NULL,"
	"   'personal-circumstances absence missed-appointment',"
	"   'exceptions: reg 8(2)(a)-(c); no school-closure exception'),"
	"  ('decide-issue', 'decide-issue',"
	"   'SEND Regulations 2014 reg 10(1)',"
	"   'the day the request was received', 16, 'weeks', NULL,"
	"   'school-closure early-years-closure personal-circumstances absence',"
	"   'statutory for a decision not to issue; the same date is the "
	"management target for a decision to issue; exceptions: reg 10(4)(a)-(d)'),"
	"  ('draft-representations', 'draft-representations',"
	"   'SEND Regulations 2014 reg 13(1)(a)',"
	"   'the day the draft plan was served', 15, 'days-beginning-with',"
	"   NULL, '', 'at least 15 days beginning with the day served: the "
	"last day is served + 14; finalising before served + 15 is refused'),"
	"  ('final-plan', 'final-plan', 'SEND Regulations 2014 reg 13(2)',"
	"   'the day the request was received', 20, 'weeks', NULL,"
	"   'school-closure early-years-closure personal-circumstances absence',"
	"   'exceptions: reg 13(3), the reasons in reg 10(4)(a)-(d); DfE counts "
	"the receipt day as day 1, which would give one day earlier'),"
	"  ('annual-review', 'annual-review',"
	"   'Children and Families Act 2014 s44(1); Code of Practice 9.169',"
	"   'the first issue of the plan, then the last review decision', 12,"
	"   'period-months', NULL, '',"
	"   'the 12-month period starts with the anchor: last day = anchor + 12 "
	"months - 1 day (29 February anchors clamp to 28 February first); "
	"reading the anniversary itself as the deadline would give one day later'),"
	"  ('review-report', 'review-report', 'SEND Regulations 2014 reg 20(7)',"
	"   'the review meeting', 2, 'weeks', NULL, '', ''),"
	"  ('review-decision', 'review-decision',"
	"   'SEND Regulations 2014 reg 20(10); R (L, M and P) v Devon CC [2022] "
	"EWHC 493 (Admin)', 'the review meeting', 4, 'weeks', NULL, '',"
	"   'when amending, the proposed amendments go with the decision'),"
	"  ('phase-transfer-school', 'phase-transfer',"
	"   'SEND Regulations 2014 reg 18(1)(b)',"
	"   'a transfer between school phases', 0, 'before-date', '02-15', '',"
	"   'before 15 February of the transfer year: the last day is 14 "
	"February (guidance often says by 15 February)'),"
	"  ('phase-transfer-post-16', 'phase-transfer',"
	"   'SEND Regulations 2014 reg 18(1)(a)',"
	"   'a transfer from secondary school to a post-16 institution', 0,"
	"   'before-date', '03-31', '',"
	"   'before 31 March of the transfer year: the last day is 30 March'),"
	"  ('phase-transfer-post-16-move', 'phase-transfer',"
	"   'SEND Regulations 2014 reg 18(2)',"
	"   'a move between post-16 institutions', -5, 'months', NULL, '',"
	"   'at least five months before the transfer, clamped to month end'),"
	"  ('amend-representations', 'amend-representations',"
	"   'SEND Regulations 2014 reg 22(2)(c)',"
	"   'the day the amendment notice was served', 15,"
	"   'days-beginning-with', NULL, '', 'finalising before served + 15 "
	"is refused'),"
	"  ('amended-plan', 'amended-plan', 'SEND Regulations 2014 reg 22(3)',"
	"   'the day the amendment notice was sent', 8, 'weeks', NULL, '',"
	"   'a decision not to amend is due by the same date (reg 22(4))'),"
	"  ('amended-plan-long-stop', 'amended-plan',"
	"   'R (L, M and P) v Devon CC [2022] EWHC 493 (Admin)',"
	"   'the review meeting', 12, 'weeks', NULL, '',"
	"   'after a review the amended plan is due within 12 weeks of the "
	"meeting');",
	/* England and Wales bank holidays, for warnings and working days. */
	"CREATE TABLE holiday ("
	"  date TEXT PRIMARY KEY,"
	"  title TEXT NOT NULL"
	") STRICT;",
	/* Every write: who, when, what. */
	"CREATE TABLE audit ("
	"  id INTEGER PRIMARY KEY,"
	"  at TEXT NOT NULL,"			/* RFC 3339 UTC */
	"  user TEXT NOT NULL,"
	"  case_id INTEGER,"
	"  action TEXT NOT NULL,"
	"  detail TEXT"
	") STRICT;",
	"CREATE INDEX audit_case ON audit(case_id);",
	/* Authority-wide settings (LA code, census overrides). */
	"CREATE TABLE setting ("
	"  key TEXT PRIMARY KEY,"
	"  value TEXT NOT NULL"
	") STRICT;",
	NULL
};

/* Schema version 2: disputes, cessation and transfers, with their rules. */
static const char *const v2[] = {
	/* Ceasing to maintain a plan (s45, reg 31). */
	"CREATE TABLE cessation ("
	"  id INTEGER PRIMARY KEY,"
	"  case_id INTEGER NOT NULL REFERENCES cases(id),"
	"  proposed TEXT,"			/* family told (reg 31) */
	"  decided TEXT,"			/* decision notice sent */
	"  reason TEXT,"			/* SEN2 CeaseReason */
	"  appeal_lodged TEXT,"
	"  appeal_ended TEXT"
	") STRICT;",
	"CREATE INDEX cessation_case ON cessation(case_id);",
	/* An appealable decision and what followed it. */
	"CREATE TABLE dispute ("
	"  id INTEGER PRIMARY KEY,"
	"  case_id INTEGER NOT NULL REFERENCES cases(id),"
	"  about TEXT NOT NULL CHECK (about IN ('no-assess', 'no-issue',"
	"    'content', 'no-amend', 'cease')),"
	"  notice TEXT NOT NULL,"		/* decision letter sent */
	"  contact TEXT,"			/* mediation adviser contacted */
	"  mediation TEXT,"			/* family asked for mediation */
	"  mediated TEXT,"			/* mediation held */
	"  certificate TEXT,"			/* certificate issued */
	"  appeal TEXT,"			/* appeal lodged */
	"  decided TEXT"			/* appeal decided */
	") STRICT;",
	"CREATE INDEX dispute_case ON dispute(case_id);",
	/* Tribunal orders and compliance with them (reg 44). */
	"CREATE TABLE tribunal_order ("
	"  id INTEGER PRIMARY KEY,"
	"  case_id INTEGER NOT NULL REFERENCES cases(id),"
	"  kind TEXT NOT NULL,"
	"  made TEXT NOT NULL"
	") STRICT;",
	"CREATE TABLE order_step ("
	"  order_id INTEGER NOT NULL REFERENCES tribunal_order(id),"
	"  step TEXT NOT NULL,"
	"  done TEXT NOT NULL,"
	"  PRIMARY KEY (order_id, step)"
	") STRICT;",
	/* Moves between authorities (reg 15). */
	"CREATE TABLE la_transfer ("
	"  id INTEGER PRIMARY KEY,"
	"  case_id INTEGER NOT NULL REFERENCES cases(id),"
	"  direction TEXT NOT NULL CHECK (direction IN ('in', 'out')),"
	"  other_la TEXT,"
	"  move TEXT,"				/* out: the move */
	"  aware TEXT,"				/* out: when we learned of it */
	"  transferred TEXT,"			/* the transfer date */
	"  reviewed TEXT,"			/* in: last review decision */
	"  notified TEXT"			/* in: reg 15(4) notice sent */
	") STRICT;",
	"CREATE INDEX la_transfer_case ON la_transfer(case_id);",
	"INSERT INTO rule(id, rule, regulation, trigger, amount, unit, fixed,"
	"  exceptions, note, calendar, advisory) VALUES"
	"  ('review-report-21', 'review-report',"
	"   'SEND Regulations 2014 reg 21', 'the review meeting', 2, 'weeks',"
	"   NULL, '', 'a child or young person not at a school or institution:"
	" the authority arranges the meeting', 'send', 0),"
	"  ('review-decision-21', 'review-decision',"
	"   'SEND Regulations 2014 reg 21; R (L, M and P) v Devon CC [2022] "
	"EWHC 493 (Admin)', 'the review meeting', 4, 'weeks', NULL, '', "
	"   'the same 4 weeks as reg 20', 'send', 0),"
	"  ('under-5-review', 'under-5-review',"
	"   'SEND Code of Practice 9.178 (guidance)',"
	"   'the plan''s issue or last review', 6, 'months', NULL, '',"
	"   'advisory for children under 5; never a statutory breach',"
	"   'send', 1),"
	"  ('age-25', 'age-25', 'Children and Families Act 2014 s46, s83; "
	"SEND Regulations 2014 reg 46', 'the date of birth', 300, 'months',"
	"   NULL, '', 'the plan normally ends at the 25th birthday; it may run "
	"to the end of that academic year, and never past the day before the "
	"26th birthday', 'send', 1),"
	"  ('cease-appeal', 'appeal', 'Tribunal Procedure (First-tier "
	"Tribunal) (HESC) Rules 2008 r.20(1)(c), r.12; CFA 2014 s45(4)',"
	"   'the decision to cease was sent', 2, 'months', NULL, '',"
	"   'the plan must be maintained until the time to appeal has passed "
	"or an appeal is decided', 'tribunal', 0),"
	"  ('mediation-contact', 'mediation-contact',"
	"   'SEND Regulations 2014 reg 33', 'the decision notice was sent', 2,"
	"   'months', NULL, '', 'the family''s date to contact the mediation "
	"adviser', 'send', 1),"
	"  ('appeal', 'appeal', 'Tribunal Procedure (First-tier Tribunal) "
	"(HESC) Rules 2008 r.20(1)(c), r.12', 'the decision notice was sent',"
	"   2, 'months', NULL, '', 'the family''s date to appeal; 1 month "
	"from a mediation certificate if later', 'tribunal', 1),"
	"  ('appeal-certificate', 'appeal', 'Tribunal Procedure (First-tier "
	"Tribunal) (HESC) Rules 2008 r.20(1)(c), r.12',"
	"   'the mediation certificate was issued', 1, 'months', NULL, '',"
	"   'the family''s date to appeal', 'tribunal', 1),"
	"  ('mediation-arrange', 'mediation-arrange',"
	"   'SEND Regulations 2014 regs 36-37', 'the family said they want "
	"mediation', 30, 'days', NULL, '', '', 'send', 0),"
	"  ('mediation-certificate', 'mediation-certificate',"
	"   'SEND Regulations 2014 reg 39', 'the day after the mediation', 3,"
	"   'working-days-beginning-with', NULL, '', 'within 3 working days "
	"after the mediation: the mediator''s duty', 'send', 1);",
	"INSERT INTO rule(id, rule, regulation, trigger, amount, unit, fixed,"
	"  exceptions, note, calendar, advisory) VALUES"
	"  ('order-assess-notify', 'tribunal-order',"
	"   'SEND Regulations 2014 reg 44(2)', 'the order was made', 2,"
	"   'weeks', NULL, '', 'notify that the assessment will be made',"
	"   'send', 0),"
	"  ('order-assess-no-plan', 'tribunal-order',"
	"   'SEND Regulations 2014 reg 44(2)', 'the order was made', 10,"
	"   'weeks', NULL, '', 'a decision not to issue a plan', 'send', 0),"
	"  ('order-assess-final', 'tribunal-order',"
	"   'SEND Regulations 2014 reg 44(2)', 'the order was made', 14,"
	"   'weeks', NULL, '', 'the final plan after an assessment', 'send', 0),"
	"  ('order-plan-draft', 'tribunal-order',"
	"   'SEND Regulations 2014 reg 44(2)', 'the order was made', 5,"
	"   'weeks', NULL, '', 'the draft plan', 'send', 0),"
	"  ('order-plan-final', 'tribunal-order',"
	"   'SEND Regulations 2014 reg 44(2)', 'the order was made', 11,"
	"   'weeks', NULL, '', 'the final plan', 'send', 0),"
	"  ('order-amend', 'tribunal-order',"
	"   'SEND Regulations 2014 reg 44(2)', 'the order was made', 5,"
	"   'weeks', NULL, '', 'the amended plan', 'send', 0),"
	"  ('order-school', 'tribunal-order',"
	"   'SEND Regulations 2014 reg 44(2)', 'the order was made', 2,"
	"   'weeks', NULL, '', 'the plan naming the school only', 'send', 0),"
	"  ('order-continue', 'tribunal-order',"
	"   'SEND Regulations 2014 reg 44(2)', 'the order was made', 0, 'days',"
	"   NULL, '', 'continue to maintain the plan: immediately', 'send', 0),"
	"  ('transfer-out', 'transfer-out', 'SEND Regulations 2014 reg 15(2)',"
	"   'the authority became aware of the move', 15,"
	"   'working-days-beginning-with', NULL, '', 'on the day of the move "
	"when aware 15 working days or more before it', 'send', 0),"
	"  ('transfer-notice', 'transfer-notice',"
	"   'SEND Regulations 2014 reg 15(4)', 'the transfer', 6, 'weeks', NULL,"
	"   '', 'tell the family the plan has transferred, whether an "
	"assessment is proposed and when the review will be', 'send', 0),"
	"  ('transfer-review', 'annual-review',"
	"   'SEND Regulations 2014 reg 15(5)', 'the transfer', 3,"
	"   'period-months', NULL, '', 'the review is due by the later of the "
	"12-month date and 3 months from the transfer', 'send', 0);",
	NULL
};

/* Schema version 3: the audit chain and the legal hold. */
static const char *const v3[] = {
	"ALTER TABLE audit ADD COLUMN prev_hash TEXT;",	/* the chain: */
	"ALTER TABLE audit ADD COLUMN hash TEXT;",	/* see audit.c */
	/* Chain the records already there, in order. */
	"WITH RECURSIVE chain(id, prev, hash) AS ("
	"  SELECT a.id, z.g, ehc_sha256(z.g || char(10) || a.id || char(10) ||"
	"    a.at || char(10) || a.user || char(10) ||"
	"    coalesce(a.case_id, '') || char(10) || a.action || char(10) ||"
	"    coalesce(a.detail, ''))"
	"  FROM audit a, (SELECT '0000000000000000000000000000000000000000"
	"000000000000000000000000' AS g) z"
	"  WHERE a.id = (SELECT min(id) FROM audit)"
	"  UNION ALL"
	"  SELECT a.id, c.hash, ehc_sha256(c.hash || char(10) || a.id ||"
	"    char(10) || a.at || char(10) || a.user || char(10) ||"
	"    coalesce(a.case_id, '') || char(10) || a.action || char(10) ||"
	"    coalesce(a.detail, ''))"
	"  FROM chain c JOIN audit a ON a.id = (SELECT min(id) FROM audit"
	"    WHERE id > c.id))"
	"UPDATE audit SET prev_hash = chain.prev, hash = chain.hash "
	"FROM chain WHERE chain.id = audit.id;",
	/* A legal hold keeps a case from disposal (retention.c). */
	"ALTER TABLE cases ADD COLUMN legal_hold INTEGER NOT NULL DEFAULT 0 "
	"CHECK (legal_hold IN (0, 1));",
	NULL
};

/*
 * Schema version 4: plan content.  Versions refuse UPDATE and DELETE in
 * the store itself, whoever writes to it; they go only when the whole
 * case is deleted (retention), through ON DELETE CASCADE, which the
 * delete trigger lets through because the case row is gone by then.
 */
static const char *const v4[] = {
	/* The working copy: the text of each section of a case's plan. */
	"CREATE TABLE plan_section ("
	"  case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,"
	"  section TEXT NOT NULL CHECK (section IN ('A', 'B', 'C', 'D', 'E',"
	"    'F', 'G', 'H1', 'H2', 'I', 'J', 'K')),"
	"  text TEXT NOT NULL,"			/* Markdown */
	"  PRIMARY KEY (case_id, section)"
	") STRICT;",
	/*
	 * The working copy's needs (B, C, D), outcomes (E) and provision
	 * (F, G, H1, H2).  seq numbers an item within its section and is
	 * never reused: a removed item stays, marked removed.
	 */
	"CREATE TABLE plan_item ("
	"  id INTEGER PRIMARY KEY,"
	"  case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,"
	"  section TEXT NOT NULL CHECK (section IN ('B', 'C', 'D', 'E', 'F',"
	"    'G', 'H1', 'H2')),"
	"  seq INTEGER NOT NULL CHECK (seq > 0),"
	"  text TEXT NOT NULL,"
	"  amount TEXT,"			/* provision: how much */
	"  frequency TEXT,"			/* provision: how often */
	"  provider TEXT,"			/* provision: who delivers it */
	"  pfa TEXT CHECK (pfa IN ('employment', 'independent-living',"
	"    'community', 'health')),"		/* preparing for adulthood */
	"  removed INTEGER NOT NULL DEFAULT 0 CHECK (removed IN (0, 1)),"
	"  UNIQUE (case_id, section, seq)"
	") STRICT;",
	/* Which needs and outcomes an outcome or provision serves. */
	"CREATE TABLE plan_link ("
	"  item_id INTEGER NOT NULL REFERENCES plan_item(id) ON DELETE CASCADE,"
	"  target_id INTEGER NOT NULL REFERENCES plan_item(id)"
	"    ON DELETE CASCADE,"
	"  PRIMARY KEY (item_id, target_id)"
	") STRICT;",
	"CREATE INDEX plan_link_target ON plan_link(target_id);",
	/*
	 * Issued versions: a snapshot of the working copy, as the JSON
	 * document 'ehc draft CASE show --format json' prints, taken when
	 * a draft, final plan, proposed amendments or amended plan went
	 * out.  number counts from 1 within the case.
	 */
	"CREATE TABLE plan_version ("
	"  id INTEGER PRIMARY KEY,"
	"  case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,"
	"  number INTEGER NOT NULL CHECK (number > 0),"
	"  kind TEXT NOT NULL CHECK (kind IN ('draft', 'final', 'proposed',"
	"    'amended')),"
	"  date TEXT NOT NULL,"			/* served or issued */
	"  amendment_id INTEGER,"		/* proposed and amended */
	"  created TEXT NOT NULL,"		/* RFC 3339 UTC */
	"  user TEXT NOT NULL,"
	"  content TEXT NOT NULL,"		/* JSON, format 1 */
	"  UNIQUE (case_id, number)"
	") STRICT;",
	"CREATE TRIGGER plan_version_no_update BEFORE UPDATE ON plan_version "
	"BEGIN SELECT RAISE(ABORT, 'plan versions are immutable'); END;",
	"CREATE TRIGGER plan_version_no_delete BEFORE DELETE ON plan_version "
	"WHEN EXISTS (SELECT 1 FROM cases WHERE id = OLD.case_id) "
	"BEGIN SELECT RAISE(ABORT, 'plan versions are immutable; they go "
	"only with the whole case'); END;",
	NULL
};

/* Schema version 5: funding commitments and the direct-payment review. */
static const char *const v5[] = {
	"CREATE TABLE funding ("
	"  id INTEGER PRIMARY KEY,"
	"  case_id INTEGER NOT NULL REFERENCES cases(id),"
	"  kind TEXT NOT NULL CHECK (kind IN ('placement', 'top-up',"
	"    'personal-budget', 'indicative')),"
	"  pence INTEGER NOT NULL CHECK (pence >= 0),"
	"  per TEXT NOT NULL CHECK (per IN ('year', 'month', 'week', 'once')),"
	"  start TEXT NOT NULL,"
	"  end TEXT,"				/* last day; NULL open-ended */
	"  provider TEXT,"
	"  setting_type TEXT,"
	"  payer TEXT,"
	"  covers TEXT,"
	"  direct_payment INTEGER NOT NULL DEFAULT 0,"
	"  band TEXT,"
	"  first_payment TEXT,"			/* direct payments */
	"  reviewed TEXT"			/* first direct-payment review */
	") STRICT;",
	"CREATE INDEX funding_case ON funding(case_id);",
	"INSERT INTO rule(id, rule, regulation, trigger, amount, unit, fixed,"
	"  exceptions, note, calendar, advisory) VALUES"
	"  ('direct-payment-review', 'direct-payment-review',"
	"   'Special Educational Needs (Personal Budgets) Regulations 2014 "
	"reg 11', 'the first direct payment', 3, 'months', NULL, '',"
	"   'then at each annual review', 'send', 0);",
	NULL
};

/*
 * Amendments are looked up by review (the count of a review's amendments,
 * the draft of the last review in the SEN2 return), and Tribunal orders
 * by case at every refresh of a case's deadlines: without these indexes
 * each lookup reads the whole table, and building or exporting a
 * caseload is quadratic (docs/performance.md).
 */
static const char *const v6[] = {
	"CREATE INDEX amendment_review ON amendment(review_id);",
	"CREATE INDEX tribunal_order_case ON tribunal_order(case_id);",
	NULL
};

/*
 * A deadline's explanation is derived again when it is asked for (ehc
 * case show --explain) instead of stored: it was half the table, and
 * writing it most of the cost of every step (docs/performance.md).
 */
static const char *const v7[] = {
	"ALTER TABLE deadline DROP COLUMN explain;",
	NULL
};

/*
 * Schema 8.  The outcome is kept by its reference (E1, E2...), which
 * never changes or is reused, so that a case's export carries it as it
 * is; the review is the latest meeting on or before the date.
 */
static const char *const v8[] = {
	"CREATE TABLE outcome_progress ("
	"  id INTEGER PRIMARY KEY,"
	"  case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,"
	"  outcome TEXT NOT NULL,"
	"  date TEXT NOT NULL,"
	"  progress TEXT NOT NULL CHECK (progress = 'achieved' OR "
	"    progress = 'partly' OR progress = 'not'),"
	"  note TEXT"
	") STRICT;",
	"CREATE INDEX outcome_progress_case ON outcome_progress(case_id);",
	NULL
};

/*
 * Schema 9: every CHECK (x IN (a, b, ...)) becomes CHECK (x = a OR
 * x = b ...).  SQLite builds a temporary index for an IN list each time a
 * statement runs, so each single-row INSERT or UPDATE of a table with
 * such a check paid about a microsecond per list: a third of the time
 * of writing a case.  The two forms accept exactly the same values
 * (NULL included), so existing rows still hold and only the table's
 * text changes, which SQLite allows without rebuilding the table
 * (writable_schema, with the schema version bumped so that every
 * connection reads the new text).
 */

static const char *const v9[] = { NULL };

static int	query_int(struct ehc_db *, const char *, int *);

struct text {
	char	*s;
	size_t	 len, cap;
	int	 nomem;
};

static void
put(struct text *t, const char *s, size_t n)
{
	char *more;
	size_t cap;

	if (t->nomem)
		return;
	if (t->len + n + 1 > t->cap) {
		cap = (t->len + n + 1) * 2;
		if ((more = realloc(t->s, cap)) == NULL) {
			t->nomem = 1;
			return;
		}
		t->s = more;
		t->cap = cap;
	}
	memcpy(t->s + t->len, s, n);
	t->len += n;
	t->s[t->len] = '\0';
}

static const char *
skip_spaces(const char *p)
{
	while (*p == ' ' || *p == '\t' || *p == '\n')
		p++;
	return p;
}

/* A literal: 'text' (with '' inside) or digits; its end, or NULL. */
static const char *
literal_end(const char *p)
{
	if (*p == '\'') {
		for (p++; *p != '\0'; p++)
			if (*p == '\'' && *++p != '\'')
				return p;
		return NULL;
	}
	if (*p < '0' || *p > '9')
		return NULL;
	while (*p >= '0' && *p <= '9')
		p++;
	return p;
}

/*
 * At p, just inside "CHECK (": if what follows is "x IN (a, ...))",
 * write "x = a OR ...)" and return the end of what was read, else NULL.
 */
static const char *
in_as_comparisons(struct text *t, const char *p)
{
	const char *col = p, *q, *end, *item;
	size_t ncol, start = t->len;
	int first = 1;

	while ((*p >= 'a' && *p <= 'z') || *p == '_')
		p++;
	if ((ncol = (size_t)(p - col)) == 0)
		return NULL;
	p = skip_spaces(p);
	if (strncmp(p, "IN", 2) != 0)
		return NULL;
	p = skip_spaces(p + 2);
	if (*p++ != '(')
		return NULL;
	for (;;) {
		item = skip_spaces(p);
		if ((end = literal_end(item)) == NULL)
			goto undo;
		if (!first)
			put(t, " OR ", 4);
		put(t, col, ncol);
		put(t, " = ", 3);
		put(t, item, (size_t)(end - item));
		first = 0;
		q = skip_spaces(end);
		if (*q == ')')
			break;
		if (*q != ',')
			goto undo;
		p = q + 1;
	}
	q = skip_spaces(q + 1);
	if (*q != ')')
		goto undo;
	put(t, ")", 1);
	return q + 1;
undo:
	t->len = start;
	if (t->s != NULL)
		t->s[start] = '\0';
	return NULL;
}

/* The CREATE TABLE text with its IN checks as comparisons (malloc'd). */
static char *
checks_as_comparisons(const char *sql)
{
	static const char check[] = "CHECK (";
	struct text t = { NULL, 0, 0, 0 };
	const char *p = sql, *q, *next;

	while ((q = strstr(p, check)) != NULL) {
		put(&t, p, (size_t)(q - p) + sizeof(check) - 1);
		p = q + sizeof(check) - 1;
		if ((next = in_as_comparisons(&t, p)) != NULL)
			p = next;
	}
	put(&t, p, strlen(p));
	if (t.nomem) {
		free(t.s);
		return NULL;
	}
	return t.s;
}

static int
v9_checks(struct ehc_db *db)
{
	sqlite3_stmt *st = NULL, *up = NULL;
	char *sql, pragma[64];
	int version, rc;

	if ((rc = query_int(db, "PRAGMA schema_version", &version)) != EHC_OK)
		return rc;
	/* The handle is defensive (db.c); only this step edits the schema. */
	sqlite3_db_config(db->h, SQLITE_DBCONFIG_DEFENSIVE, 0, NULL);
	if ((rc = ehc__db_exec(db, "PRAGMA writable_schema = ON")) != EHC_OK)
		goto out;
	if ((rc = ehc__db_prepare(db, &st, "SELECT name, sql FROM "
	    "sqlite_schema WHERE type = 'table' AND sql LIKE '%CHECK (%'"))
	    != EHC_OK || (rc = ehc__db_prepare(db, &up, "UPDATE sqlite_schema "
	    "SET sql = ?2 WHERE type = 'table' AND name = ?1")) != EHC_OK)
		goto out;
	while (rc == EHC_OK && sqlite3_step(st) == SQLITE_ROW) {
		if ((sql = checks_as_comparisons((const char *)
		    sqlite3_column_text(st, 1))) == NULL) {
			rc = ehc__db_fail(db, EHC_ENOMEM, "out of memory");
			break;
		}
		sqlite3_reset(up);
		sqlite3_bind_value(up, 1, sqlite3_column_value(st, 0));
		sqlite3_bind_text(up, 2, sql, -1, free);
		rc = ehc__db_step_done(db, up, "upgrading the store's checks");
	}
	snprintf(pragma, sizeof(pragma), "PRAGMA schema_version = %d",
	    version + 1);
	if (rc == EHC_OK)
		rc = ehc__db_exec(db, pragma);
out:
	sqlite3_finalize(up);
	sqlite3_finalize(st);
	if (ehc__db_exec(db, "PRAGMA writable_schema = OFF") != EHC_OK &&
	    rc == EHC_OK)
		rc = EHC_ERROR;
	sqlite3_db_config(db->h, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
	return rc;
}

/*
 * Schema 10: deadlines are kept in their primary key's order (WITHOUT
 * ROWID): a rowid table kept the same key again in a separate index, a
 * second B-tree to write for every deadline and a fifth of the store.
 */
static const char *const v10[] = {
	"CREATE TABLE deadline_v10 ("
	"  case_id INTEGER NOT NULL REFERENCES cases(id),"
	"  seq INTEGER NOT NULL,"
	"  rule TEXT NOT NULL,"
	"  rule_id TEXT NOT NULL,"
	"  subject TEXT,"
	"  due TEXT NOT NULL,"
	"  done TEXT,"
	"  void INTEGER NOT NULL DEFAULT 0,"
	"  exception TEXT,"
	"  advisory INTEGER NOT NULL DEFAULT 0,"
	"  PRIMARY KEY (case_id, seq)"
	") STRICT, WITHOUT ROWID;",
	"INSERT INTO deadline_v10 SELECT case_id, seq, rule, rule_id, subject, "
	"  due, done, void, exception, advisory FROM deadline;",
	"DROP TABLE deadline;",
	"ALTER TABLE deadline_v10 RENAME TO deadline;",
	"CREATE INDEX deadline_open ON deadline(due) "
	"  WHERE done IS NULL AND void = 0 AND advisory = 0;",
	NULL
};

/*
 * Schema 11: the rule registry (clock/rules.c) is the one source of the
 * rules; the rule table becomes its copy, with every field of it, which
 * the clock writes when the registry changes (the rows the migrations
 * above inserted go).  Also what the new steps record: a child educated
 * out of year group, re-assessments, and the rest of a dispute
 * (mediation declined, its agreement, the authority's response to the
 * Tribunal).  An appeal against a decision to cease is one record, the
 * cessation's, whichever command recorded it: one recorded on the
 * dispute about that decision moves there.
 */
static const char *const v11[] = {
	"DROP TABLE rule;",
	"CREATE TABLE rule ("
	"  id TEXT PRIMARY KEY,"
	"  rule TEXT NOT NULL,"			/* the name deadlines carry */
	"  trigger TEXT NOT NULL,"
	"  amount INTEGER NOT NULL,"
	"  unit TEXT NOT NULL,"
	"  fixed TEXT,"				/* MM-DD for before-date */
	"  regulation TEXT NOT NULL,"
	"  reading TEXT NOT NULL,"		/* the reading ehc takes */
	"  alternative TEXT,"			/* the other reading */
	"  valid_from TEXT,"
	"  valid_to TEXT,"
	"  binds TEXT NOT NULL,"		/* authority, family, ... */
	"  blocks TEXT,"			/* steps it holds back */
	"  exceptions TEXT,"
	"  calendar TEXT NOT NULL,"		/* tribunal: HESC rule 12 */
	"  advisory INTEGER NOT NULL,"
	"  lead INTEGER NOT NULL,"		/* days before due to start */
	"  seq INTEGER NOT NULL"		/* the registry's order */
	") STRICT;",
	/* Years below (-) or above (+) the year group of the child's age. */
	"ALTER TABLE cases ADD COLUMN year_offset INTEGER NOT NULL DEFAULT 0 "
	"CHECK (year_offset >= -3 AND year_offset <= 3);",
	"ALTER TABLE dispute ADD COLUMN declined TEXT;",	/* reg 34 */
	"ALTER TABLE dispute ADD COLUMN agreement TEXT;",	/* reg 42 */
	/* The authority was not a party: the health body's agreement. */
	"ALTER TABLE dispute ADD COLUMN health_only INTEGER NOT NULL "
	"DEFAULT 0 CHECK (health_only = 0 OR health_only = 1);",
	"ALTER TABLE dispute ADD COLUMN agreement_done TEXT;",
	"ALTER TABLE dispute ADD COLUMN health_told TEXT;",
	"ALTER TABLE dispute ADD COLUMN received TEXT;",	/* the appeal */
	"ALTER TABLE dispute ADD COLUMN response TEXT;",	/* HESC r.21 */
	/* Re-assessments of a plan (s44(2)-(3), regs 24-27). */
	"CREATE TABLE reassessment ("
	"  id INTEGER PRIMARY KEY,"
	"  case_id INTEGER NOT NULL REFERENCES cases(id),"
	"  requested TEXT,"			/* NULL: the authority's own */
	"  requester TEXT CHECK (requester = 'parent' OR requester = "
	"    'young-person' OR requester = 'school' OR requester = 'health'),"
	"  decided TEXT,"			/* decision notified */
	"  outcome TEXT CHECK (outcome = 'Y' OR outcome = 'N'),"
	"  draft TEXT,"				/* draft plan served */
	"  final TEXT,"				/* plan finalised */
	"  final_forced TEXT"			/* why inside the 15 days */
	") STRICT;",
	"CREATE INDEX reassessment_case ON reassessment(case_id);",
	"UPDATE cessation SET"
	"  appeal_lodged = coalesce(appeal_lodged, (SELECT max(d.appeal)"
	"    FROM dispute d WHERE d.case_id = cessation.case_id AND"
	"    d.about = 'cease' AND (SELECT n.id FROM cessation n WHERE"
	"    n.case_id = d.case_id AND n.decided IS NOT NULL AND n.decided"
	"    <= d.notice ORDER BY n.decided DESC, n.id DESC LIMIT 1) ="
	"    cessation.id)),"
	"  appeal_ended = coalesce(appeal_ended, (SELECT max(d.decided)"
	"    FROM dispute d WHERE d.case_id = cessation.case_id AND"
	"    d.about = 'cease' AND (SELECT n.id FROM cessation n WHERE"
	"    n.case_id = d.case_id AND n.decided IS NOT NULL AND n.decided"
	"    <= d.notice ORDER BY n.decided DESC, n.id DESC LIMIT 1) ="
	"    cessation.id))"
	"  WHERE decided IS NOT NULL;",
	"UPDATE dispute SET appeal = NULL, decided = NULL WHERE about ="
	"  'cease' AND EXISTS (SELECT 1 FROM cessation n WHERE n.case_id ="
	"  dispute.case_id AND n.decided IS NOT NULL AND n.decided <="
	"  dispute.notice);",
	NULL
};

/*
 * Schema 12: the SEN2 return is made as on its census day, from facts
 * that carry the dates they were in force (sen2_export.c).  A need and a
 * named setting now have a start and an end (the last day in force): a
 * change closes the old row and adds one.  Rows already there start on
 * the best date known: the plan's, else the request's.  The settings
 * named in the plan also say whether they are residential or work-based
 * (SEN2 PlanRes, PlanWBP), and a personal budget whether organised
 * arrangements are in place (OA); the PB, OA and DP an import put on the
 * case become personal budgets (dated from the plan's start), so that
 * the return reads them from the money records alone.  A request closed
 * because the child moved away (Exported) is dated like a withdrawal.
 */
static const char *const v12[] = {
	"CREATE TABLE need_v12 ("
	"  id INTEGER PRIMARY KEY,"
	"  case_id INTEGER NOT NULL REFERENCES cases(id),"
	"  type TEXT NOT NULL,"			/* SEN2 SENtype */
	"  rank INTEGER NOT NULL CHECK (rank = 1 OR rank = 2),"
	"  start TEXT NOT NULL,"		/* first day in force */
	"  end TEXT"				/* last day; NULL: in force */
	") STRICT;",
	"INSERT INTO need_v12(case_id, type, rank, start) "
	"  SELECT n.case_id, n.type, n.rank, coalesce(c.final_date, "
	"    c.received, substr(c.created, 1, 10)) "
	"  FROM need n JOIN cases c ON c.id = n.case_id "
	"  ORDER BY n.case_id, n.rank;",
	"DROP TABLE need;",
	"ALTER TABLE need_v12 RENAME TO need;",
	"CREATE INDEX need_case ON need(case_id, rank);",
	"ALTER TABLE plan_detail ADD COLUMN start TEXT;",	/* in force */
	"ALTER TABLE plan_detail ADD COLUMN end TEXT;",
	"ALTER TABLE plan_detail ADD COLUMN res TEXT;",		/* PlanRes */
	"ALTER TABLE plan_detail ADD COLUMN wbp TEXT;",		/* PlanWBP */
	"UPDATE plan_detail SET start = (SELECT coalesce(c.final_date, "
	"  c.received, substr(c.created, 1, 10)) FROM cases c "
	"  WHERE c.id = plan_detail.case_id);",
	/* The plan's PlanRes and PlanWBP go on its first named setting. */
	"UPDATE plan_detail SET res = (SELECT plan_res FROM cases c WHERE "
	"  c.id = plan_detail.case_id), wbp = (SELECT plan_wbp FROM cases c "
	"  WHERE c.id = plan_detail.case_id) "
	"  WHERE seq = (SELECT min(seq) FROM plan_detail d "
	"    WHERE d.case_id = plan_detail.case_id);",
	"UPDATE cases SET plan_res = NULL, plan_wbp = NULL WHERE id IN "
	"  (SELECT case_id FROM plan_detail);",
	"ALTER TABLE funding ADD COLUMN organised INTEGER NOT NULL DEFAULT 0 "
	"  CHECK (organised = 0 OR organised = 1);",
	"INSERT INTO funding(case_id, kind, pence, per, start, covers, "
	"  direct_payment, organised) "
	"  SELECT id, 'personal-budget', 0, 'year', coalesce(final_date, "
	"    received, substr(created, 1, 10)), CASE dp WHEN 'E' THEN "
	"    'education' WHEN 'S' THEN 'social-care' WHEN 'H' THEN 'health' "
	"    WHEN 'I' THEN 'education' END, dp IS NOT NULL, "
	"    coalesce(oa, 0) FROM cases WHERE pb = 1 ORDER BY id;",
	/* Integrated direct payments: education and social care. */
	"INSERT INTO funding(case_id, kind, pence, per, start, covers, "
	"  direct_payment) "
	"  SELECT id, 'personal-budget', 0, 'year', coalesce(final_date, "
	"    received, substr(created, 1, 10)), 'social-care', 1 "
	"  FROM cases WHERE pb = 1 AND dp = 'I' ORDER BY id;",
	"UPDATE cases SET pb = 0, oa = NULL, dp = NULL WHERE pb = 1;",
	/* A request still open when its child moved away is closed. */
	"UPDATE deadline SET void = 1 WHERE done IS NULL AND case_id IN "
	"  (SELECT id FROM cases WHERE exported IS NOT NULL AND withdrawn IS "
	"  NULL AND final_date IS NULL AND coalesce(assess, '') <> 'N' AND "
	"  coalesce(issue, '') <> 'N');",
	"UPDATE cases SET withdrawn = coalesce(issue_date, assess_date, "
	"  received, substr(created, 1, 10)) WHERE exported IS NOT NULL AND "
	"  withdrawn IS NULL AND final_date IS NULL AND "
	"  coalesce(assess, '') <> 'N' AND coalesce(issue, '') <> 'N';",
	NULL
};

/*
 * Schema 13: the audit log keyed (audit.c, key.c): its chain becomes
 * HMAC-SHA-256 under a key kept outside the store, and a detail removed
 * with its case leaves its keyed digest; the seals of the cases
 * (seal.c); and the history another authority sent with a case, kept
 * as theirs (export.c).  ehc__audit_rekey() then chains the records
 * again under the key, once, if the old chain holds.
 */
static const char *const v13[] = {
	"ALTER TABLE audit RENAME COLUMN prev_hash TO prev_mac;",
	"ALTER TABLE audit RENAME COLUMN hash TO mac;",
	"ALTER TABLE audit ADD COLUMN digest TEXT;",	/* of a detail gone */
	"CREATE TABLE seal ("
	/* No foreign key: a seal outlives a case removed outside ehc. */
	"  case_id INTEGER PRIMARY KEY,"
	"  audit_id INTEGER NOT NULL,"		/* the case's last record */
	"  tables TEXT NOT NULL,"		/* table:digest ... */
	"  mac TEXT NOT NULL"
	") STRICT;",
	"CREATE TABLE history ("
	"  id INTEGER PRIMARY KEY,"
	"  case_id INTEGER NOT NULL REFERENCES cases(id),"
	"  source TEXT,"			/* the authority that sent it */
	"  imported TEXT NOT NULL,"		/* taken in here, UTC */
	"  imported_by TEXT NOT NULL,"
	"  at TEXT NOT NULL,"			/* as the sender recorded */
	"  user TEXT NOT NULL,"
	"  action TEXT NOT NULL,"
	"  detail TEXT"
	") STRICT;",
	"CREATE INDEX history_case ON history(case_id);",
	NULL
};

/*
 * Schema 14: a store shared by a team (role.c): each login's role.  The
 * group the store is shared with is the setting "team"; a store without
 * it is one person's, and the table stays empty.
 */
static const char *const v14[] = {
	"CREATE TABLE role ("
	"  login TEXT PRIMARY KEY,"
	"  role TEXT NOT NULL CHECK (role = 'officer' OR role = 'manager'"
	"    OR role = 'analyst' OR role = 'admin'),"
	"  names INTEGER NOT NULL DEFAULT 0"	/* an analyst may see them */
	") STRICT;",
	NULL
};

/*
 * Schema 15: the officers' profiles (who they are, how to reach them:
 * ehc officer list, letters) and the diary of what is booked for a
 * case (a review meeting, a planning meeting, a panel, advice expected),
 * each marked held when it happens.
 */
static const char *const v15[] = {
	"CREATE TABLE officer ("
	"  id TEXT PRIMARY KEY,"		/* the login cases are assigned */
	"  name TEXT NOT NULL,"
	"  title TEXT,"
	"  phone TEXT,"
	"  email TEXT"
	") STRICT;",
	"CREATE TABLE booking ("
	"  id INTEGER PRIMARY KEY,"
	"  case_id INTEGER NOT NULL REFERENCES cases(id),"
	"  kind TEXT NOT NULL CHECK (kind = 'review' OR kind = 'planning' OR"
	"    kind = 'panel' OR kind = 'advice'),"
	"  date TEXT NOT NULL,"
	"  time TEXT,"				/* HH:MM */
	"  place TEXT,"
	"  invite TEXT,"			/* who is invited, a line each */
	"  booked TEXT NOT NULL,"		/* the day it was booked */
	"  held TEXT"				/* when it happened */
	") STRICT;",
	"CREATE INDEX booking_case ON booking(case_id, date);",
	NULL
};

/*
 * Schema 16: funding paid by the term (top-up, as councils pay it): the period's
 * CHECK grows, so the table is built again with its rows and ids.
 */
static const char *const v16[] = {
	"CREATE TABLE funding_term ("
	"  id INTEGER PRIMARY KEY,"
	"  case_id INTEGER NOT NULL REFERENCES cases(id),"
	/* Comparisons, not IN (...): see schema 9. */
	"  kind TEXT NOT NULL CHECK (kind = 'placement' OR kind = 'top-up'"
	"    OR kind = 'personal-budget' OR kind = 'indicative'),"
	"  pence INTEGER NOT NULL CHECK (pence >= 0),"
	"  per TEXT NOT NULL CHECK (per = 'year' OR per = 'term' OR"
	"    per = 'month' OR per = 'week' OR per = 'once'),"	/* term: 1/3 */
	"  start TEXT NOT NULL,"
	"  end TEXT,"				/* last day; NULL open-ended */
	"  provider TEXT,"
	"  setting_type TEXT,"
	"  payer TEXT,"
	"  covers TEXT,"
	"  direct_payment INTEGER NOT NULL DEFAULT 0,"
	"  band TEXT,"
	"  first_payment TEXT,"			/* direct payments */
	"  reviewed TEXT,"			/* first review of one */
	"  organised INTEGER NOT NULL DEFAULT 0 "	/* SEN2 OA */
	"    CHECK (organised = 0 OR organised = 1)"
	") STRICT;",
	"INSERT INTO funding_term SELECT id, case_id, kind, pence, per, start,"
	"  end, provider, setting_type, payer, covers, direct_payment, band,"
	"  first_payment, reviewed, organised FROM funding;",
	"DROP TABLE funding;",
	"ALTER TABLE funding_term RENAME TO funding;",
	"CREATE INDEX funding_case ON funding(case_id);",
	NULL
};

/*
 * Schema 17: the people around a case (contacts: the family, the young person and
 * the professionals), its safeguarding concerns and its Continuing
 * Health Care record, every decision on it with its reasons (a refusal
 * reconsidered keeps the first), and the adviser an advice request
 * names.  Decisions made before are read from the case (they are not
 * copied: the cases' seals stand).
 */
static const char *const v17[] = {
	"CREATE TABLE contact ("
	"  id INTEGER PRIMARY KEY,"
	"  case_id INTEGER NOT NULL REFERENCES cases(id),"
	"  role TEXT NOT NULL CHECK (role = 'parent' OR role = 'carer' OR"
	"    role = 'young-person' OR role = 'ep' OR role = 'health' OR"
	"    role = 'social-worker' OR role = 'senco' OR role = 'key-worker'"
	"    OR role = 'other'),"
	"  name TEXT NOT NULL,"
	"  pr INTEGER NOT NULL DEFAULT 0 CHECK (pr = 0 OR pr = 1),"
						/* parental responsibility */
	"  organisation TEXT,"
	"  address TEXT,"			/* lines separated by LF */
	"  phone TEXT,"
	"  email TEXT,"
	"  language TEXT,"			/* preferred, if not English */
	"  format TEXT,"			/* large print, Braille, ... */
	"  removed TEXT"			/* no longer involved, from */
	") STRICT;",
	"CREATE INDEX contact_case ON contact(case_id);",
	"CREATE TABLE concern ("
	"  id INTEGER PRIMARY KEY,"
	"  case_id INTEGER NOT NULL REFERENCES cases(id),"
	"  raised TEXT NOT NULL,"
	"  raised_by TEXT NOT NULL,"
	"  note TEXT,"				/* restricted: case show only */
	"  closed TEXT"				/* NULL while open */
	") STRICT;",
	"CREATE INDEX concern_case ON concern(case_id);",
	"CREATE TABLE chc ("
	"  case_id INTEGER PRIMARY KEY REFERENCES cases(id),"
	"  referred TEXT NOT NULL,"		/* to the ICB */
	"  outcome TEXT CHECK (outcome = 'eligible' OR outcome ="
	"    'not-eligible'),"
	"  decided TEXT"
	") STRICT;",
	"CREATE TABLE decision ("
	"  id INTEGER PRIMARY KEY,"
	"  case_id INTEGER NOT NULL REFERENCES cases(id),"
	"  step TEXT NOT NULL CHECK (step = 'assess' OR step = 'issue'),"
	"  outcome TEXT NOT NULL CHECK (outcome = 'Y' OR outcome = 'N' OR"
	"    outcome = 'H'),"
	"  date TEXT,"
	"  reason TEXT,"
	"  support TEXT,"			/* offered, with a refusal */
	"  reconsider TEXT CHECK (reconsider = 'mediation' OR reconsider ="
	"    'tribunal' OR reconsider = 'evidence')"	/* of the one before */
	") STRICT;",
	"CREATE INDEX decision_case ON decision(case_id);",
	"ALTER TABLE advice ADD COLUMN adviser TEXT;",	/* the person asked */
	NULL
};

/*
 * Schema 18: a person is found by ULN as by UPN (one child is one
 * person, case.c): without an index, each request read every person.
 */
static const char *const v18[] = {
	"CREATE INDEX person_uln ON person(uln) WHERE uln IS NOT NULL;",
	NULL
};

/*
 * Schema 19: no index of open deadlines.  ehc due reads each case's
 * deadlines with the case, and nothing else read by due date; keeping
 * the index cost every deadline written, and the import an eighth of
 * its time.
 */
static const char *const v19[] = {
	"DROP INDEX IF EXISTS deadline_open;",
	NULL
};

/*
 * Schema 20: a case imported from a SEN2 return keeps the return's
 * census day.  The return shows some steps met and not others (a review
 * report, an amended plan, a phase transfer it does not report): the
 * clock cannot call those overdue before that day (clock.c store()).
 * Cases imported before this schema are not marked.
 */
static const char *const v20[] = {
	"ALTER TABLE cases ADD COLUMN imported_as_of TEXT;",
	NULL
};

static const struct migration migrations[] = {
	{ 1, v1, NULL },
	{ 2, v2, NULL },
	{ 3, v3, NULL },
	{ 4, v4, NULL },
	{ 5, v5, NULL },
	{ 6, v6, NULL },
	{ 7, v7, NULL },
	{ 8, v8, NULL },
	{ 9, v9, v9_checks },
	{ 10, v10, NULL },
	{ 11, v11, NULL },
	{ 12, v12, NULL },
	{ 13, v13, ehc__audit_rekey },
	{ 14, v14, NULL },
	{ 15, v15, NULL },
	{ 16, v16, NULL },
	{ 17, v17, NULL },
	{ 18, v18, NULL },
	{ 19, v19, NULL },
	{ 20, v20, NULL },
};

#define NMIGRATIONS ((int)(sizeof(migrations) / sizeof(migrations[0])))

/*
 * ehc_sha256(X): the SHA-256 of X's text as 64 lower-case hex
 * digits; migration 3 chains the audit records already there with it.
 */
static void
sql_sha256(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	char hex[EHC__SHA256_HEX];
	const unsigned char *s;
	int n;

	(void)argc;
	if (sqlite3_value_type(argv[0]) == SQLITE_NULL) {
		sqlite3_result_null(ctx);
		return;
	}
	s = sqlite3_value_text(argv[0]);
	n = sqlite3_value_bytes(argv[0]);
	if (s == NULL) {
		sqlite3_result_error_nomem(ctx);
		return;
	}
	ehc__sha256_hex(s, (size_t)n, hex);
	sqlite3_result_text(ctx, hex, 64, SQLITE_TRANSIENT);
}

static int
register_sha256(struct ehc_db *db)
{
	int rc;

	rc = sqlite3_create_function_v2(db->h, "ehc_sha256", 1, SQLITE_UTF8 |
	    SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, NULL, sql_sha256, NULL,
	    NULL, NULL);
	if (rc != SQLITE_OK)
		return ehc__db_error(db, rc, "registering SQL functions");
	return EHC_OK;
}

const char *const *
ehc__schema_sql(int version)
{
	int i;

	for (i = 0; i < NMIGRATIONS; i++)
		if (migrations[i].version == version)
			return migrations[i].sql;
	return NULL;
}

int
ehc__schema_latest(void)
{
	return migrations[NMIGRATIONS - 1].version;
}

static int
user_version(struct ehc_db *db, int *out)
{
	sqlite3_stmt *st;
	int rc;

	*out = 0;
	if ((rc = ehc__db_prepare(db, &st, "PRAGMA user_version")) != EHC_OK)
		return rc;
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		rc = ehc__db_error(db, rc, "reading the schema version");
		sqlite3_finalize(st);
		return rc;
	}
	*out = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return EHC_OK;
}

static int
set_versions(struct ehc_db *db, int version)
{
	char sql[96];

	/* PRAGMA takes no parameters; version is an integer we own. */
	snprintf(sql, sizeof(sql), "PRAGMA user_version = %d;"
	    "PRAGMA application_id = %d", version, EHC_APPLICATION_ID);
	return ehc__db_exec(db, sql);
}

/* One integer from a query with no parameters. */
static int
query_int(struct ehc_db *db, const char *sql, int *out)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = ehc__db_prepare(db, &st, sql)) != EHC_OK)
		return rc;
	rc = sqlite3_step(st);
	*out = rc == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? EHC_OK : ehc__db_error(db, rc,
	    "reading the store");
}

/*
 * Never take over another program's database: a store is ours when it
 * carries our application id, or is new and empty.
 */
static int
check_ours(struct ehc_db *db, int version)
{
	int app, tables, rc;

	if ((rc = query_int(db, "PRAGMA application_id", &app)) != EHC_OK ||
	    (rc = query_int(db, "SELECT count(*) FROM sqlite_schema", &tables))
	    != EHC_OK)
		return rc;
	if (app == EHC_APPLICATION_ID || (app == 0 && version == 0 &&
	    tables == 0))
		return EHC_OK;
	return ehc__db_fail(db, EHC_ENOSTORE, "this file is an SQLite "
	    "database but not an ehc store; name the ehc store with --db");
}

int
ehc__schema_migrate(struct ehc_db *db, int (*created)(struct ehc_db *))
{
	const char *const *sql;
	int rc, current, i;

	/* On every connection: migration 3 uses it, and so may its tests. */
	if ((rc = register_sha256(db)) != EHC_OK)
		return rc;
	if ((rc = user_version(db, &current)) != EHC_OK)
		return rc;
	if ((rc = check_ours(db, current)) != EHC_OK)
		return rc;
	if (current > ehc__schema_latest())
		return ehc__db_fail(db, EHC_ESCHEMA, "the store was written "
		    "by a newer ehc (schema %d, this ehc knows %d); upgrade "
		    "ehc", current, ehc__schema_latest());
	if (current == ehc__schema_latest())
		return EHC_OK;
	if (sqlite3_db_readonly(db->h, "main") == 1)
		return ehc__db_fail(db, EHC_ESCHEMA, "the store needs an "
		    "upgrade (schema %d to %d); open it read-write",
		    current, ehc__schema_latest());
	if ((rc = ehc_db_begin(db, EHC_TXN_WRITE)) != EHC_OK)
		return rc;
	/* Re-read under the write lock: another ehc may have migrated. */
	if ((rc = user_version(db, &current)) != EHC_OK)
		goto fail;
	for (i = 0; i < NMIGRATIONS; i++) {
		if (migrations[i].version <= current)
			continue;
		for (sql = migrations[i].sql; *sql != NULL; sql++)
			if ((rc = ehc__db_exec(db, *sql)) != EHC_OK)
				goto fail;
		if (migrations[i].run != NULL &&
		    (rc = migrations[i].run(db)) != EHC_OK)
			goto fail;
		if (migrations[i].version == 1 && created != NULL &&
		    (rc = created(db)) != EHC_OK)
			goto fail;
		if ((rc = set_versions(db, migrations[i].version)) != EHC_OK)
			goto fail;
	}
	return ehc_db_commit(db);
fail:
	ehc_db_rollback(db);
	return rc;
}

int
ehc_db_schema_version(void)
{
	return ehc__schema_latest();
}
