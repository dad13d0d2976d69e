;;; check.el --- checks of funcls in a real Emacs with Eglot, in batch mode  -*- lexical-binding: t -*-

;; Loaded after the user configuration from docs/editors.md (see run.sh):
;;   emacs --batch -l init.el -l check.el
;; Environment: FUNCLS_T_APP (the example app), FUNCLS_T_V2_APP (the v2 example app),
;; FUNCLS_T_RESULT (where PASS/FAIL lines go),
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

(defun funcls-t-position-of (needle shift)
  "The LSP position of NEEDLE in the buffer plus SHIFT columns (the fixture is ASCII)."
  (save-excursion
    (goto-char (point-min))
    (unless (search-forward needle nil t)
      (error "the v2 fixture changed: no %s" needle))
    (goto-char (+ (match-beginning 0) shift))
    (list :line (1- (line-number-at-pos)) :character (current-column))))

(cl-defun funcls-t-v2 ()
  "A v2 app, with funcls given Python buffers as docs/editors.md says: the FUNC130 diagnostic on
the decorator's schedule argument and its quick fix, hover on a decorator, definition from
arg_name to the parameter, and rename from arg_name."
  (with-eval-after-load 'eglot
    (setq eglot-server-programs
          (cons '(((funcls-json-mode :language-id "json") python-mode) . ("funcls" "--stdio"))
                (cl-remove-if (lambda (entry) (equal (cdr entry) '("funcls" "--stdio")))
                              eglot-server-programs))))
  (add-hook 'python-mode-hook #'eglot-ensure)
  (let ((v2app (file-name-as-directory (getenv "FUNCLS_T_V2_APP"))))
    (find-file (expand-file-name "function_app.py" v2app))
    (run-hooks 'post-command-hook)
    (let ((server (funcls-t-wait (lambda () (and (eglot-managed-p) (eglot-current-server))))))
      (unless (funcls-t-check "v2: Eglot started funcls for function_app.py" server)
        (cl-return-from funcls-t-v2))
      (funcls-t-check "v2: root is the v2 app folder"
                      (string= (file-truename (file-name-as-directory
                                               (project-root (eglot--project server))))
                               (file-truename v2app)))
      (flymake-start)
      (let* ((line (funcls-t-line-of "\"0 2 * * *\""))
             (found (funcls-t-wait (lambda () (funcls-t-diagnostic-on line "five-field")))))
        (funcls-t-check "v2: flymake diagnostic on the five-field schedule argument" found
                        (mapconcat #'flymake-diagnostic-text (flymake-diagnostics) " | ")))
      (let* ((uri (eglot--path-to-uri buffer-file-name))
             (doc (list :uri uri))
             (schedule (funcls-t-position-of "\"0 2 * * *\"" 1))
             (actions (jsonrpc-request
                       server :textDocument/codeAction
                       (list :textDocument doc
                             :range (list :start schedule :end schedule)
                             :context (list :diagnostics []))))
             (titles (mapcar (lambda (a) (plist-get a :title)) actions)))
        (funcls-t-check "v2: the quick fix changes the schedule argument"
                        (member "Change to '0 0 2 * * *'" titles)
                        (string-join titles ", "))
        (let* ((hover (jsonrpc-request
                       server :textDocument/hover
                       (list :textDocument doc
                             :position (funcls-t-position-of "queue_trigger(" 3))))
               (value (format "%s" (plist-get (plist-get hover :contents) :value))))
          (funcls-t-check "v2: hover on @app.queue_trigger documents the queueTrigger binding"
                          (string-match-p "queueTrigger" value)
                          (substring value 0 (min 120 (length value)))))
        (let* ((arg (funcls-t-position-of "arg_name=\"msg\"" 11))
               (parameter (funcls-t-position-of "msg: func.QueueMessage" 0))
               (found (jsonrpc-request server :textDocument/definition
                                       (list :textDocument doc :position arg)))
               (location (if (vectorp found) (aref found 0) found))
               (start (plist-get (or (plist-get location :range)
                                     (plist-get location :targetSelectionRange))
                                 :start)))
          (funcls-t-check "v2: definition from arg_name=\"msg\" reaches the parameter msg"
                          (and start (equal (plist-get start :line) (plist-get parameter :line))
                               (equal (plist-get start :character)
                                      (plist-get parameter :character)))
                          (format "%S" start))
          (let* ((edit (jsonrpc-request server :textDocument/rename
                                        (list :textDocument doc :position arg
                                              :newName "message")))
                 (changes (plist-get edit :changes))
                 (edits (and changes (cadr changes)))
                 (count (length edits)))
            (funcls-t-check "v2: rename from arg_name edits arg_name, the parameter and its use"
                            (and (= count 3)
                                 (cl-every (lambda (e) (equal (plist-get e :newText) "message"))
                                           edits))
                            (format "%d edits" count)))))
      (set-buffer-modified-p nil)
      (eglot-shutdown server))))

(condition-case err
    (funcls-t-main)
  (error (funcls-t-check "driver ran without a Lisp error" nil (format "%S" err))))
(condition-case err
    (funcls-t-v2)
  (error (funcls-t-check "v2 driver ran without a Lisp error" nil (format "%S" err))))
(kill-emacs (if (= funcls-t-failures 0) 0 1))
