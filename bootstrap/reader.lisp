;;;; bootstrap/reader.lisp -- teach the host Lisp's reader to read Zoot source text.
;;;;
;;;; In:  Zoot source files (the compiler's and the language's own sources).
;;;; Out: Lisp data in the shape Zoot's own reader produces: proper lists,
;;;;      symbols in the ZOOT package with their case preserved, strings,
;;;;      characters, fixnums, simple vectors, and the four special objects
;;;;      below for #f, #t, the unspecified value and the eof object.
;;;;
;;;; Why it exists: stage0 of the bootstrap runs the Zoot sources on SBCL.
;;;; SBCL must read them before the Zoot reader (language/reader.zt) can
;;;; run, so this file adapts SBCL's readtable to Zoot's data syntax.  It
;;;; only needs to cover the syntax our own sources use; user programs are
;;;; always read by language/reader.zt.

(defpackage :zoot (:use))               ; Zoot symbols: case kept, nothing inherited
(defpackage :zg (:use))                 ; Zoot global variables
(defpackage :zsys (:use))               ; the special objects below
(defpackage :zoot-boot (:use :cl))

(in-package :zoot-boot)

;;; '() is CL's NIL, so CL list functions work on Zoot lists.  #f must then
;;; be some other object; these symbols live in a package no Zoot symbol
;;; can come from.
(defconstant +false+ 'zsys::|#f|)
(defconstant +true+ 'zsys::|#t|)
(defconstant +unspecified+ 'zsys::|#<unspecified>|)
(defconstant +eof+ 'zsys::|#<eof>|)

(defun zsym (name) (intern name :zoot))

(defun read-zoot-string (stream char)
  (declare (ignore char))
  (with-output-to-string (out)
    (loop
      (let ((c (read-char stream)))
        (cond ((char= c #\") (return))
              ((char= c #\\)
               (let ((e (read-char stream)))
                 (write-char (case e
                               (#\n #\Newline) (#\t #\Tab) (#\r #\Return)
                               (#\a (code-char 7)) (#\0 (code-char 0))
                               (#\\ #\\) (#\" #\")
                               (t (error "unknown string escape \\~a" e)))
                             out)))
              (t (write-char c out)))))))

(defun read-quote-like (name)
  (lambda (stream char)
    (declare (ignore char))
    (list (zsym name) (read stream t nil t))))

(defun read-comma (stream char)
  (declare (ignore char))
  (if (char= (peek-char nil stream) #\@)
      (progn (read-char stream)
             (list (zsym "unquote-splicing") (read stream t nil t)))
      (list (zsym "unquote") (read stream t nil t))))

(defun read-token-chars (stream)
  (with-output-to-string (out)
    (loop for c = (peek-char nil stream nil nil)
          while (and c (not (member c '(#\Space #\Tab #\Newline #\( #\) #\" #\;))))
          do (write-char (read-char stream) out))))

(defparameter *char-names*
  '(("space" . #\Space) ("newline" . #\Newline) ("tab" . #\Tab)
    ("nul" . #.(code-char 0)) ("null" . #.(code-char 0))
    ("return" . #\Return) ("linefeed" . #\Newline)
    ("alarm" . #.(code-char 7)) ("backspace" . #.(code-char 8))
    ("delete" . #.(code-char 127)) ("escape" . #.(code-char 27))))

(defun read-char-literal (stream)
  (let* ((first (read-char stream))
         (rest (read-token-chars stream))
         (name (concatenate 'string (string first) rest)))
    (cond ((= (length name) 1) first)
          ((and (char= first #\x) (> (length name) 1))
           (code-char (parse-integer rest :radix 16)))
          (t (or (cdr (assoc name *char-names* :test #'string=))
                 (error "unknown character name #\\~a" name))))))

(defun read-hash (stream char)
  (declare (ignore char))
  (let ((c (read-char stream)))
    (case c
      (#\( (unread-char c stream)
       (coerce (read stream t nil t) 'simple-vector))
      (#\\ (read-char-literal stream))
      (#\; (read stream t nil t) (values))
      (#\| (skip-block-comment stream) (values))
      ((#\t #\f)
       (let ((name (concatenate 'string (string c) (read-token-chars stream))))
         (cond ((member name '("t" "true") :test #'string=) +true+)
               ((member name '("f" "false") :test #'string=) +false+)
               (t (error "bad #~a" name)))))
      (#\x (values (parse-integer (read-token-chars stream) :radix 16)))
      (t (error "unknown # syntax: #~a" c)))))

(defun skip-block-comment (stream)
  (let ((depth 1))
    (loop
      (let ((c (read-char stream)))
        (cond ((and (char= c #\|) (char= (peek-char nil stream) #\#))
               (read-char stream)
               (when (zerop (decf depth)) (return)))
              ((and (char= c #\#) (char= (peek-char nil stream) #\|))
               (read-char stream)
               (incf depth)))))))

(defun make-zoot-readtable ()
  (let ((rt (copy-readtable nil)))
    (setf (readtable-case rt) :preserve)
    (set-macro-character #\" #'read-zoot-string nil rt)
    (set-macro-character #\' (read-quote-like "quote") nil rt)
    (set-macro-character #\` (read-quote-like "quasiquote") nil rt)
    (set-macro-character #\, #'read-comma nil rt)
    (set-macro-character #\# #'read-hash t rt)
    rt))

(defparameter *zoot-readtable* (make-zoot-readtable))

(defun read-zoot-file (path)
  "All top-level forms of the Zoot source file PATH, in order."
  (with-input-from-string (in (read-text-file path))   ; UTF-8: primitives.lisp
    (let ((*readtable* *zoot-readtable*)
          (*package* (find-package :zoot))
          (*read-eval* nil))
      (loop with eof = (list nil)
            for form = (read in nil eof)
            until (eq form eof)
            collect form))))
