/*
 * dispute.h: the end and the contested parts of a plan's life: ceasing
 * to maintain it (s45, regs 29-31), mediation and appeals (regs 32-42,
 * HESC rules 12 and 20) and Tribunal orders (reg 44).  Like case.h,
 * each function checks the step, writes, audits and refreshes the
 * case's deadlines; the caller owns the transaction.  Returns EHC_OK,
 * EHC_ENOTFOUND, EHC_EINVAL, EHC_ESTATE or a store error, with the
 * message on the handle.
 */
#ifndef EHC_DISPUTE_H
#define EHC_DISPUTE_H

#include <stdint.h>
#include <ehc/common.h>
#include <ehc/db.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The authority tells the family it is considering ceasing (reg 31). */
EHC_API int ehc_cease_propose(struct ehc_db *db, int64_t id, int32_t date);

/*
 * The decision to cease is sent; reason is the SEN2 CeaseReason code
 * "1" to "9".  The plan stays live until the appeal window closes.
 */
EHC_API int ehc_cease_decide(struct ehc_db *db, int64_t id, int32_t date,
    const char *reason);

/* An appeal against the decision to cease is lodged, or ends. */
EHC_API int ehc_cease_appeal(struct ehc_db *db, int64_t id, int32_t date,
    int ended);

/*
 * The plan ceases.  Refused while the appeal window is open or an
 * appeal is undecided (s45(4)), unless force_reason says why.
 */
EHC_API int ehc_cease_end(struct ehc_db *db, int64_t id, int32_t date,
    const char *force_reason);

/*
 * An appealable decision letter was sent; about is no-assess, no-issue,
 * content, no-amend or cease.
 */
EHC_API int ehc_dispute_notice(struct ehc_db *db, int64_t id,
    const char *about, int32_t date);

/*
 * A step of the latest dispute, each after the event it follows:
 * "contact" (family contacted the mediation adviser), "declined" (told
 * the adviser they do not want mediation: a certificate within 3 working
 * days, reg 34), "mediation" (asked for mediation), "mediated"
 * (mediation held), "certificate" (certificate issued), "agreement" (a
 * mediation agreement: the authority acts within 2 weeks, reg 42),
 * "health-agreement" (an agreement without the authority: the health
 * body tells it within 1 week), "agreement-done" (the authority did what
 * was agreed), "health-told" (the health body told the authority),
 * "appeal" (appeal lodged), "received" (the authority received it from
 * the Tribunal), "response" (its response sent: 30 working days, HESC
 * r.21), "decided" (appeal decided).  "agreement-done" is EHC_ESTATE
 * for an agreement about what could be appealed
 * (ehc_dispute_agreement()), whose steps are complied with one by one.  For a dispute about a decision to
 * cease, the appeal and its decision are the cessation's, as
 * ehc_cease_appeal() records them.  EHC_ESTATE for a step before the
 * event it follows, or recorded twice.
 */
EHC_API int ehc_dispute_step(struct ehc_db *db, int64_t id,
    const char *step, int32_t date);

/*
 * The latest dispute's mediation ended in an agreement, as
 * ehc_dispute_step(db, id, "agreement", date) records it, when order is
 * NULL or "": what it requires is due within 2 weeks (reg 42(3)).  An
 * agreement about what could be appealed names the order it stands for
 * (order is assess, make-plan, amend, name-school or continue, one an
 * appeal of the dispute's decision could bring): its duties run from
 * date with reg 44's limits, as if the Tribunal had ordered it (reg
 * 42(2)), each done with ehc_tribunal_comply(), and no 2-week duty is
 * derived.  order is borrowed for the call.  Returns EHC_OK,
 * EHC_ENOTFOUND (no such case), EHC_EINVAL (an order the dispute's
 * appeal could not bring), EHC_ESTATE (no mediation held, or an
 * agreement already recorded) or a store error.
 */
EHC_API int ehc_dispute_agreement(struct ehc_db *db, int64_t id,
    const char *order, int32_t date);

/*
 * The authority told the Tribunal it will not oppose the latest dispute's
 * appeal, before its response (reg 45 as substituted in 2015, from
 * 2015-03-23): the appeal is decided for the family and the authority's
 * duties run from date, as an order's (ehc_tribunal_comply()).
 * EHC_ESTATE without an undecided appeal, or after the response;
 * EHC_EINVAL for a date before 2015-03-23.
 */
EHC_API int ehc_dispute_unopposed(struct ehc_db *db, int64_t id,
    int32_t date);

/*
 * A Tribunal order (reg 44): kind is assess, make-plan, amend,
 * name-school or continue.
 */
EHC_API int ehc_tribunal_order(struct ehc_db *db, int64_t id,
    const char *kind, int32_t made);

/*
 * Record that one step of an order, or of an unopposed appeal, was
 * complied with.
 */
EHC_API int ehc_tribunal_comply(struct ehc_db *db, int64_t id,
    const char *step, int32_t date);

#ifdef __cplusplus
}
#endif
#endif
