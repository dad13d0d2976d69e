;;; check.el --- checks of funcls in a real Emacs with Eglot, in batch mode  -*- lexical-binding: t -*-

;; Loaded after the user configuration from docs/editors.md (see run.sh):
;;   emacs --batch -l init.el -l check.el
;; Environment: FUNCLS_T_APP (the example app), FUNCLS_T_RESULT (where PASS/FAIL lines go),
;; FUNCLS_T_TIMEOUT (seconds to wait per check, default 20).
;; Exit status: 0 when every check passed.

(require 'cl-lib)
(require 'subr-x)

(defvar funcls-t-app (file-name-as-directory (getenv "FUNCLS_T_APP")))
(defvar funcls-t-result (getenv "FUNCLS_T_RESULT"))
(defvar funcls-t-timeout (string-to-number (or (getenv "FUNCLS_T_TIMEOUT") "20")))
(defvar funcls-t-failures 0)

(defun funcls-t-write (line)
  (write-region (concat line "\n") nil funcls-t-result t 'quiet))

(defun funcls-t-one-line (text)
  (replace-regexp-in-string "[ \t\n]+" " " (format "%s" text)))

(defun funcls-t-check (name ok &optional detail)
  (funcls-t-write (format "%s  %s%s" (if ok "PASS" "FAIL") name
                          (if detail (concat ": " (funcls-t-one-line detail)) "")))
  (unless ok (setq funcls-t-failures (1+ funcls-t-failures)))
  ok)

(defun funcls-t-info (text)
  (funcls-t-write (concat "info  " (funcls-t-one-line text))))

(defun funcls-t-wait (predicate)
  "Run the event loop until PREDICATE returns non-nil (its value) or the timeout passes (nil)."
  (let ((deadline (+ (float-time) funcls-t-timeout))
        result)
    (while (and (not (setq result (funcall predicate)))
                (< (float-time) deadline))
      (accept-process-output nil 0.05))
    result))

(defun funcls-t-line-of (text)
  (save-excursion
    (goto-char (point-min))
    (when (search-forward text nil t)
      (line-number-at-pos))))

(defun funcls-t-diagnostic-on (line needle)
  (cl-find-if (lambda (d)
                (and (= line (line-number-at-pos (flymake-diagnostic-beg d)))
                     (string-match-p (regexp-quote needle) (flymake-diagnostic-text d))))
              (flymake-diagnostics)))

(defun funcls-t-events (server)
  (with-current-buffer (jsonrpc-events-buffer server)
    (buffer-substring-no-properties (point-min) (point-max))))

(defun funcls-t-event-entries (server)
  "The entries of SERVER's events buffer, in order; each starts with its [kind] header line."
  (with-current-buffer (jsonrpc-events-buffer server)
    (save-excursion
      (goto-char (point-min))
      (let (starts)
        (while (re-search-forward "^\\[[a-z-]+\\]" nil t)
          (push (match-beginning 0) starts))
        (setq starts (nreverse starts))
        (cl-loop for (start next) on starts
                 collect (buffer-substring-no-properties start (or next (point-max))))))))

(defun funcls-t-configuration-state (server)
  "From SERVER's events: whether Eglot sent didChangeConfiguration, the ids of the server's
workspace/configuration requests, and whether a publishDiagnostics with the authLevel problem came
after the later of the notification and the replies to those requests."
  (let* ((entries (funcls-t-event-entries server))
         (changed (cl-position-if (lambda (e) (string-match-p "workspace/didChangeConfiguration" e))
                                  entries))
         (ids (delq nil (mapcar (lambda (e)
                                  (and (string-match "\\`\\[server-request\\] (id:\\([^)]+\\))" e)
                                       (string-match-p "workspace/configuration" e)
                                       (match-string 1 e)))
                                entries)))
         (replies (mapcar (lambda (id)
                            (cl-position-if (lambda (e) (string-prefix-p
                                                         (format "[client-reply] (id:%s)" id) e))
                                            entries))
                          ids))
         (settled (and changed (not (memq nil replies)) (apply #'max changed replies)))
         (published (and settled
                         (cl-position-if (lambda (e) (and (string-match-p "publishDiagnostics" e)
                                                          (string-match-p "nobody" e)))
                                         entries :start (1+ settled)))))
    (list :changed changed :ids ids :published published)))

(cl-defun funcls-t-main ()
  (funcls-t-info (format "emacs %s, eglot from %s" emacs-version (locate-library "eglot")))
  (find-file (expand-file-name "HttpTrigger/function.json" funcls-t-app))
  (funcls-t-check "major mode of function.json" (derived-mode-p 'js-mode) major-mode)
  ;; `eglot-ensure' connects after the command that visited the file; in batch mode there is no
  ;; command loop, so run what it runs after a command.
  (run-hooks 'post-command-hook)
  (let ((server (funcls-t-wait (lambda () (and (eglot-managed-p) (eglot-current-server))))))
    (unless (funcls-t-check "Eglot started funcls for the buffer" server)
      (cl-return-from funcls-t-main))
    (let ((info (plist-get (eglot--server-info server) :name))
          (root (project-root (eglot--project server))))
      (funcls-t-info (format "server %s %s, command %S" info
                             (plist-get (eglot--server-info server) :version)
                             (process-command (jsonrpc--process server))))
      (funcls-t-check "root is the app folder (host.json)"
                      (string= (file-truename (file-name-as-directory root))
                               (file-truename funcls-t-app))
                      root))
    ;; Diagnostics reach flymake.
    (flymake-start)
    (let* ((auth-line (funcls-t-line-of "\"authLevel\""))
           (found (funcls-t-wait (lambda () (funcls-t-diagnostic-on auth-line "nobody")))))
      (funcls-t-check "flymake diagnostic on the authLevel line mentions nobody" found
                      (if found (flymake-diagnostic-text found)
                        (mapconcat #'flymake-diagnostic-text (flymake-diagnostics) " | "))))
    ;; Eglot sends workspace/didChangeConfiguration with empty settings right after start, and
    ;; answers the server's workspace/configuration with null: the server must keep its defaults,
    ;; so a publishDiagnostics with the authLevel problem must follow the last of these.
    (let* ((state (or (funcls-t-wait (lambda ()
                                       (let ((state (funcls-t-configuration-state server)))
                                         (and (plist-get state :published) state))))
                      (funcls-t-configuration-state server)))
           (changed (plist-get state :changed))
           (ids (plist-get state :ids))
           (published (plist-get state :published)))
      (funcls-t-info (format "didChangeConfiguration sent: %s; workspace/configuration requests answered: %d"
                             (if changed "yes" "no") (length ids)))
      (funcls-t-check "empty configuration keeps the defaults (diagnostics published after it)"
                      (and changed published)
                      (cond ((not changed) "no didChangeConfiguration in the events buffer")
                            (published "publishDiagnostics with the authLevel problem after it")
                            (t "no publishDiagnostics with the authLevel problem after it"))))
    ;; Completion of a binding type through Eglot's completion-at-point function.
    (let ((type-line (funcls-t-line-of "\"type\": \"httpTrigger\"")))
      (goto-char (point-min))
      (forward-line (1- type-line))
      (delete-region (line-beginning-position) (line-end-position))
      (insert "      \"type\": \"\",")
      (search-backward "\"\"")
      (forward-char 1)
      (let* ((capf (eglot-completion-at-point))
             (candidates (and capf (all-completions "" (nth 2 capf)))))
        (funcls-t-check "completion inside \"type\": \"\" offers httpTrigger"
                        (member "httpTrigger" candidates)
                        (format "%d candidates: %s" (length candidates)
                                (string-join (seq-take candidates 8) ", ")))))
    (set-buffer-modified-p nil)
    (eglot-shutdown server)))

(condition-case err
    (funcls-t-main)
  (error (funcls-t-check "driver ran without a Lisp error" nil (format "%S" err))))
(kill-emacs (if (= funcls-t-failures 0) 0 1))
