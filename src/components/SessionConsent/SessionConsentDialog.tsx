'use client';
import { type SyntheticEvent, useEffect, useId, useRef } from 'react';
import { cx } from '../classNames.js';
import { SessionConsentView, type SessionConsentViewProps } from './SessionConsentView.js';

export interface SessionConsentDialogProps extends SessionConsentViewProps {
  /** Controlled: true shows the consent as a modal `<dialog>`. */
  open: boolean;
  /** Escape pressed (or the browser closed the dialog). Default: onReject. Ignored while pending. */
  onClose?: (() => void) | undefined;
  /** Class of the `<dialog>` element. */
  dialogClassName?: string | undefined;
}

/**
 * The consent card in a native modal `<dialog>`: focus moves to its title when it opens (so the
 * user reads before acting, instead of landing on Approve), stays trapped inside, and returns to
 * where it was when it closes. Escape means "not now".
 */
export function SessionConsentDialog({ open, onClose, dialogClassName, ...view }: SessionConsentDialogProps) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const titleRef = useRef<HTMLHeadingElement>(null);
  const ids = useId();
  const titleId = `${ids}-title`;
  const descriptionId = `${ids}-description`;
  const openRef = useRef(open);
  openRef.current = open;
  const pending = view.status === 'pending';
  const requestClose = onClose ?? view.onReject;

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!open || !dialog) return;
    // Any focused element can take focus back (HTML, SVG and MathML elements all have focus()).
    const previous = document.activeElement as HTMLElement | null;
    if (!dialog.open) dialog.showModal();
    titleRef.current?.focus();
    return () => {
      if (dialog.open) dialog.close();
      if (previous?.isConnected) previous.focus();
    };
  }, [open]);

  // The parent owns `open`: Escape asks it to close instead of closing behind its back. Handled on
  // keydown too rather than left to the browser, so Escape behaves the same for every input source.
  const onEscape = (event: SyntheticEvent<HTMLDialogElement>) => {
    event.preventDefault();
    if (!pending) requestClose?.();
  };
  const onNativeClose = () => {
    // Closed by the browser itself (e.g. repeated Escape) while the parent still says open.
    if (openRef.current) requestClose?.();
  };

  return (
    <dialog
      ref={dialogRef}
      className={cx('ss-root ss-dialog', dialogClassName)}
      aria-labelledby={titleId}
      aria-describedby={descriptionId}
      onCancel={onEscape}
      onKeyDown={(event) => {
        if (event.key === 'Escape') onEscape(event);
      }}
      onClose={onNativeClose}
    >
      {open ? (
        <SessionConsentView {...view} titleRef={titleRef} titleId={titleId} descriptionId={descriptionId} />
      ) : null}
    </dialog>
  );
}
