/** The ids of every call-review interaction (SPEC §3 "Review this call"), shared by their renderers and listeners. */
export const REVIEW_IDS = {
  /** The message shortcut "Review this call" (manifest `callback_id`). */
  shortcut: 'review_call',
  /** The review modal's `callback_id`. */
  form: 'review_call_form',
  /** A button in the manager's brief and on their Home tab that opens the form for a rep's request (value: the review row's id). */
  openRequest: 'review_open_request',
  /** "I tried it" on the rep's review DM and Home tab (value: the review id), and its undo. */
  tried: 'review_tried',
  untried: 'review_untried',
  /** Withdraw on one of the rep's own open requests (`/coach review request cancel`; value: the review row's id). */
  withdrawRequest: 'review_withdraw_request',
  /** Edit and Delete on a shared review: its confirmation modal, and the delete prompt from the brief (value: the review id). */
  edit: 'review_edit',
  delete: 'review_delete',
  /** The Edit / Delete menu on a review line of the brief the reader may change (value: `{"op":"edit"|"delete","reviewId":1}`). */
  menu: 'review_menu',
  /** "Ask <reviewer> a question" on a review card outside its own DM (a check-in, a digest, the Home tab; value: the review id), and its form's `callback_id`. */
  ask: 'review_ask',
  askForm: 'review_ask_form',
} as const;
