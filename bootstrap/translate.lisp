;;;; bootstrap/translate.lisp -- turn Zoot forms into Common Lisp forms.
;;;;
;;;; In:  top-level Zoot forms as read by bootstrap/reader.lisp.
;;;; Out: Common Lisp forms that the host Lisp compiles and runs.
;;;;
;;;; Why it exists: stage0 runs the compiler's own Zoot sources on SBCL.
;;;; This file is the thin layer that maps Zoot's meaning onto CL's:
;;;;   - Zoot is a Lisp-1; CL is a Lisp-2.  A local variable stays a CL
;;;;     lexical variable; a global X lives in the value cell of ZG::X and,
;;;;     when it holds a procedure, in its function cell too, so a call to
;;;;     a global is a plain CL call.
;;;;   - '() is NIL but #f is +FALSE+, so every test compares with +FALSE+.
;;;;   - The derived syntax forms (let, cond, case, do, ...) map onto their
;;;;     CL twins.  The forms used by our own sources are covered; the
;;;;     language's real expander (language/expander.zt) is what users get.
;;;; SBCL merges tail calls at (debug 0), which gives Zoot proper tail calls;
;;;; ECL and CLISP do not, so there the compiler's loops use stack (their
;;;; host files give it plenty).

(in-package :zoot-boot)

(defun zname (sym) (symbol-name sym))
(defun zg (sym) (intern (symbol-name sym) :zg))
(defun is (form name) (and (symbolp form) (string= (symbol-name form) name)
                           (eq (symbol-package form) (find-package :zoot))))
(defun head-is (form name) (and (consp form) (is (car form) name)))

;;; Macros written with define-macro in our sources: name -> CL function
;;; taking the whole form.
(defvar *zoot-macros* (make-hash-table :test 'eq))

;;; The lexical environment is a list of entries (ZOOT-SYMBOL . KIND);
;;; KIND is :var, or :fun for a procedure bound by labels (a named let
;;; or a body's internal defines that are never assigned: CLISP and ECL
;;; turn a self tail call of a labels function into a jump, a funcall
;;; of a variable into stack).  Globals are everything not in it.
(defun local-p (sym env) (assoc sym env))
(defun local-fun-p (sym env) (eq (cdr (assoc sym env)) :fun))

;;; Whether FORMS contain (set! NAME ...) anywhere (conservatively:
;;; quoted data and shadowing bindings count too).
(defun assigned-p (name forms)
  (labels ((walk (x)
             (and (consp x)
                  (or (and (is (car x) "set!") (consp (cdr x)) (eq (second x) name))
                      (loop for tail on x
                            thereis (if (consp tail) (walk (car tail)) nil))))))
    (walk forms)))

(defun tr-error (fmt &rest args)
  (error "bootstrap translate: ~?" fmt args))

;;; ---------------------------------------------------------------------
;;; Expressions

(defun tr (x env)
  (cond ((symbolp x)
         (cond ((null x) nil)
               ((eq (symbol-package x) (find-package :zoot))
                (cond ((local-fun-p x env) `(function ,x))
                      ((local-p x env) x)
                      (t `(symbol-value ',(zg x)))))
               (t `',x)))
        ((atom x) `',x)
        ((and (symbolp (car x)) (not (local-p (car x) env)))
         (tr-special x env))
        (t (tr-call x env))))

(defun tr-list (xs env) (mapcar (lambda (x) (tr x env)) xs))

(defun tr-call (x env)
  (let ((f (car x)) (args (tr-list (cdr x) env)))
    (cond ((and (symbolp f) (local-fun-p f env)) `(,f ,@args))
          ((and (symbolp f) (local-p f env)) `(funcall (the function ,f) ,@args))
          ((symbolp f) `(,(zg f) ,@args))
          (t `(funcall (the function ,(tr f env)) ,@args)))))

(defun truthy (c) `(not (eq ,c +false+)))

(defparameter *special-forms*
  '(("quote" . tr-quote) ("quasiquote" . tr-quasiquote) ("if" . tr-if)
    ("define" . tr-define) ("set!" . tr-set!) ("lambda" . tr-lambda)
    ("begin" . tr-begin) ("let" . tr-let) ("let*" . tr-let*)
    ("letrec" . tr-letrec) ("letrec*" . tr-letrec) ("cond" . tr-cond)
    ("case" . tr-case) ("and" . tr-and) ("or" . tr-or) ("when" . tr-when)
    ("unless" . tr-unless) ("do" . tr-do) ("define-macro" . tr-define-macro)
    ("define-record-type" . tr-define-record-type)
    ("let-values" . tr-let-values)))

(defun tr-special (x env)
  (let ((entry (assoc (symbol-name (car x)) *special-forms* :test #'string=))
        (macro (gethash (car x) *zoot-macros*)))
    (cond ((and entry (eq (symbol-package (car x)) (find-package :zoot)))
           (funcall (cdr entry) x env))
          (macro (tr (funcall macro x) env))
          (t (tr-call x env)))))

(defun tr-quote (x env)
  (declare (ignore env))
  `',(second x))

(defun tr-if (x env)
  (destructuring-bind (c a &optional (b nil b-p)) (cdr x)
    `(if ,(truthy (tr c env)) ,(tr a env) ,(if b-p (tr b env) '+unspecified+))))

(defun tr-begin (x env)
  (if (null (cdr x)) '+unspecified+ `(progn ,@(tr-list (cdr x) env))))

(defun tr-set! (x env)
  (destructuring-bind (name value) (cdr x)
    (if (local-p name env)
        `(progn (setq ,name ,(tr value env)) +unspecified+)
        `(progn (zset ',(zg name) ,(tr value env)) +unspecified+))))

(defun tr-define (x env)
  ;; Only reached for top-level defines; bodies handle internal ones.
  (multiple-value-bind (name value) (define-parts x)
    `(progn (zset ',(zg name) ,(tr-named value name env)) +unspecified+)))

(defun define-parts (x)
  "NAME and VALUE-FORM of a define, with (define (f . args) body) curried out."
  (let ((target (second x)))
    (if (consp target)
        (let ((lam `(,(zsym "lambda") ,(cdr target) ,@(cddr x))))
          (if (consp (car target))
              (define-parts `(,(first x) ,(car target) ,lam))
              (values (car target) lam)))
        (values target (if (cddr x) (third x) +unspecified+)))))

(defun tr-named (value name env)
  "Translate VALUE; a lambda gets NAME so SBCL backtraces read well."
  (if (head-is value "lambda")
      (tr-lambda value env name)
      (tr value env)))

(defun lambda-list (params)
  (cond ((null params) '())
        ((symbolp params) `(&rest ,params))
        (t (cons (car params) (lambda-list (cdr params))))))

(defun param-names (params)
  (cond ((null params) '())
        ((symbolp params) (list params))
        (t (cons (car params) (param-names (cdr params))))))

(defun bind (names env &optional (kind :var))
  (append (mapcar (lambda (n) (cons n kind)) names) env))

(defun tr-lambda (x env &optional name)
  (let* ((params (second x))
         (inner (bind (param-names params) env)))
    `(zlambda ,(if name (zname name) "lambda") ,(lambda-list params)
       ,@(tr-body (cddr x) inner))))

;;; A body: internal defines (possibly inside begin) first, then
;;; expressions.  Internal defines become letrec* bindings.
(defun flatten-body (forms)
  (loop for f in forms
        if (head-is f "begin") append (flatten-body (cdr f))
        else collect f))

(defun tr-body (forms env)
  (let* ((forms (flatten-body forms))
         (defines (loop for f in forms while (head-is f "define") collect f))
         (rest (nthcdr (length defines) forms)))
    (when (find-if (lambda (f) (head-is f "define")) rest)
      (tr-error "define after an expression in a body: ~s" forms))
    (if (null defines)
        (if rest (tr-list rest env) (list '+unspecified+))
        (let* ((parts (mapcar (lambda (d) (multiple-value-list (define-parts d))) defines))
               (names (mapcar #'first parts))
               (inner (bind names env)))
          (when (and (every (lambda (p) (head-is (second p) "lambda")) parts)
                     (notany (lambda (n) (assigned-p n forms)) names))
            (let ((inner (bind names env :fun)))
              (return-from tr-body
                `((labels ,(mapcar (lambda (p) (labels-binding (first p) (second p) inner)) parts)
                    ,@(if rest (tr-list rest inner) (list '+unspecified+)))))))
          `((let ,(mapcar (lambda (n) `(,n +unspecified+)) names)
              ,@(mapcar (lambda (p) `(setq ,(first p) ,(tr-named (second p) (first p) inner))) parts)
              ,@(if rest (tr-list rest inner) (list '+unspecified+))))))))

(defun tr-let (x env)
  (if (and (second x) (symbolp (second x)))
      (tr-named-let x env)
      (let* ((bindings (second x))
             (names (mapcar #'first bindings)))
        `(let ,(mapcar (lambda (b) `(,(first b) ,(tr (second b) env))) bindings)
           ,@(tr-body (cddr x) (bind names env))))))

(defun labels-binding (name lambda-form env)
  (let ((params (second lambda-form)))
    `(,name ,(lambda-list params)
       ,@(tr-body (cddr lambda-form) (bind (param-names params) env)))))

(defun tr-named-let (x env)
  (destructuring-bind (name bindings &rest body) (cdr x)
    (let* ((vars (mapcar #'first bindings))
           (inner (bind (list name) env)))
      (unless (assigned-p name body)
        (let ((inner (bind (list name) env :fun)))
          (return-from tr-named-let
            `(labels (,(labels-binding name `(,(zsym "lambda") ,vars ,@body) inner))
               (,name ,@(tr-list (mapcar #'second bindings) env))))))
      `(let ((,name nil))
         (setq ,name ,(tr-lambda `(,(zsym "lambda") ,vars ,@body) inner name))
         (funcall (the function ,name) ,@(tr-list (mapcar #'second bindings) env))))))

(defun tr-let* (x env)
  (let ((bindings (second x)))
    (if (null bindings)
        `(let () ,@(tr-body (cddr x) env))
        (let ((b (first bindings)))
          `(let ((,(first b) ,(tr (second b) env)))
             ,(tr-let* `(,(first x) ,(rest bindings) ,@(cddr x))
                       (bind (list (first b)) env)))))))

(defun tr-letrec (x env)
  (let* ((bindings (second x))
         (names (mapcar #'first bindings))
         (inner (bind names env)))
    `(let ,(mapcar (lambda (n) `(,n +unspecified+)) names)
       ,@(mapcar (lambda (b) `(setq ,(first b) ,(tr-named (second b) (first b) inner))) bindings)
       ,@(tr-body (cddr x) inner))))

(defun tr-cond (x env)
  (let ((clauses (cdr x)))
    (if (null clauses)
        '+unspecified+
        (let ((clause (first clauses))
              (more `(,(first x) ,@(rest clauses))))
          (cond ((is (first clause) "else")
                 `(progn ,@(tr-list (rest clause) env)))
                ((and (rest clause) (is (second clause) "=>"))
                 (let ((tmp (gensym "T")))
                   `(let ((,tmp ,(tr (first clause) env)))
                      (if ,(truthy tmp)
                          (funcall (the function ,(tr (third clause) env)) ,tmp)
                          ,(tr-cond more env)))))
                ((null (rest clause))
                 (let ((tmp (gensym "T")))
                   `(let ((,tmp ,(tr (first clause) env)))
                      (if ,(truthy tmp) ,tmp ,(tr-cond more env)))))
                (t `(if ,(truthy (tr (first clause) env))
                        (progn ,@(tr-list (rest clause) env))
                        ,(tr-cond more env))))))))

(defun tr-case (x env)
  (let ((key (gensym "KEY")))
    `(let ((,key ,(tr (second x) env)))
       (cond ,@(mapcar (lambda (clause)
                         (if (is (first clause) "else")
                             `(t ,@(tr-list (rest clause) env))
                             `((member ,key ',(first clause) :test #'eql)
                               ,@(tr-list (rest clause) env))))
                       (cddr x))
             (t +unspecified+)))))

(defun tr-and (x env)
  (cond ((null (cdr x)) '+true+)
        ((null (cddr x)) (tr (second x) env))
        (t `(if ,(truthy (tr (second x) env))
                ,(tr-and `(,(first x) ,@(cddr x)) env)
                +false+))))

(defun tr-or (x env)
  (cond ((null (cdr x)) '+false+)
        ((null (cddr x)) (tr (second x) env))
        (t (let ((tmp (gensym "T")))
             `(let ((,tmp ,(tr (second x) env)))
                (if ,(truthy tmp) ,tmp ,(tr-or `(,(first x) ,@(cddr x)) env)))))))

(defun tr-when (x env)
  `(if ,(truthy (tr (second x) env)) (progn ,@(tr-list (cddr x) env)) +unspecified+))

(defun tr-unless (x env)
  `(if ,(truthy (tr (second x) env)) +unspecified+ (progn ,@(tr-list (cddr x) env))))

(defun tr-do (x env)
  ;; (do ((var init step)...) (test result...) body...) as a named let.
  (destructuring-bind (specs (test &rest result) &rest body) (cdr x)
    (let ((loop-name (zsym (symbol-name (gensym "do-loop")))))
      (tr `(,(zsym "let") ,loop-name
            ,(mapcar (lambda (s) (list (first s) (second s))) specs)
            (,(zsym "if") ,test
             (,(zsym "begin") ,@(or result (list +unspecified+)))
             (,(zsym "begin") ,@body
              (,loop-name ,@(mapcar (lambda (s) (if (cddr s) (third s) (first s))) specs)))))
          env))))

(defun tr-quasiquote (x env)
  (tr (qq-expand (second x) 1) env))

(defun qq-expand (x depth)
  "Zoot code that builds the quasiquoted template X."
  (flet ((q (d) (list (zsym "quote") d)))
    (cond ((vectorp x)
           (if (stringp x) x
               (list (zsym "list->vector") (qq-expand (coerce x 'list) depth))))
          ((atom x) (q x))
          ((head-is x "unquote")
           (if (= depth 1) (second x)
               (list (zsym "list") (q (zsym "unquote")) (qq-expand (second x) (1- depth)))))
          ((head-is x "quasiquote")
           (list (zsym "list") (q (zsym "quasiquote")) (qq-expand (second x) (1+ depth))))
          ((and (head-is (car x) "unquote-splicing") (= depth 1))
           (list (zsym "append") (second (car x)) (qq-expand (cdr x) depth)))
          (t (list (zsym "cons") (qq-expand (car x) depth) (qq-expand (cdr x) depth))))))

(defun tr-define-macro (x env)
  (declare (ignore env))
  ;; (define-macro (name . params) body...): the expander runs at
  ;; translation time, as compiled CL.
  (let* ((name (car (second x)))
         (params (cdr (second x)))
         (fn (host-function `(lambda (form)
                             (apply ,(tr-lambda `(,(zsym "lambda") ,params ,@(cddr x)) '())
                                    (cdr form))))))
    (setf (gethash name *zoot-macros*) fn)
    '+unspecified+))

(defun tr-define-record-type (x env)
  ;; (define-record-type name (ctor field...) pred (field accessor [modifier])...)
  (destructuring-bind (type-name ctor pred &rest fields) (cdr x)
    (let* ((field-names (mapcar #'first fields))
           (type-var (gensym "TYPE"))
           (index (lambda (f) (position f field-names)))
           (n (length field-names)))
      `(let ((,type-var (zg::|%make-record-type| ',(zname (if (consp type-name) (car type-name) type-name))
                                           ',field-names)))
         (zset ',(zg (if (consp type-name) (car type-name) type-name)) ,type-var)
         (zset ',(zg (car ctor))
               (lambda ,(cdr ctor)
                 (let ((r (zg::|%make-record| ,type-var ,n +false+)))
                   ,@(mapcar (lambda (a) `(zg::|%record-set!| r ,(funcall index a) ,a)) (cdr ctor))
                   r)))
         (zset ',(zg pred) (lambda (obj) (zg::|%record-of-type?| obj ,type-var)))
         ,@(loop for (field accessor modifier) in fields
                 for i = (funcall index field)
                 collect `(zset ',(zg accessor)
                                (lambda (obj) (zg::|%checked-record-ref| obj ,type-var ,i ',(zname accessor))))
                 when modifier
                   collect `(zset ',(zg modifier)
                                  (lambda (obj v) (zg::|%checked-record-set!| obj ,type-var ,i v ',(zname modifier)))))
         +unspecified+))))

(defun tr-let-values (x env)
  ;; (let-values (((a b . c) expr) ...) body...)
  (let ((bindings (second x)))
    (if (null bindings)
        `(let () ,@(tr-body (cddr x) env))
        (let* ((b (first bindings))
               (formals (first b)))
          `(zg::|call-with-values|
            (lambda () ,(tr (second b) env))
            ,(tr-lambda `(,(zsym "lambda") ,formals
                          (,(zsym "let-values") ,(rest bindings) ,@(cddr x)))
                        env))))))

;;; ---------------------------------------------------------------------
;;; Top level

(defun zset (gsym value)
  "Assign a Zoot global: value cell always, function cell when callable."
  (setf (symbol-value gsym) value)
  (if (functionp value)
      (setf (fdefinition gsym) value)
      (when (fboundp gsym) (fmakunbound gsym)))
  value)

(defun tr-toplevel (x)
  (cond ((head-is x "begin") `(progn ,@(mapcar #'tr-toplevel (cdr x))))
        ((head-is x "define-macro") (tr-define-macro x '()) nil)
        (t (tr x '()))))
