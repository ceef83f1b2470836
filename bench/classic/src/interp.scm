;; interp.scm -- a small Scheme interpreter: s-expressions are
;; pre-analysed into closures (lambda with fixed arity, if, define,
;; set!, quote, primitives), environments are vectors of frames, and
;; the interpreted program is fib and a tail-recursive loop.
;; Out: (fib 20) interpreted plus the loop's sum.
(import (scheme base) (scheme cxr) (harness))

;; An environment: a list of frames; a frame: a vector of values.  The
;; compile-time environment: a list of lists of names.
(define (lookup name cenv)
  (let loop ((frames cenv) (depth 0))
    (if (null? frames)
        #f
        (let find ((names (car frames)) (i 0))
          (cond ((null? names) (loop (cdr frames) (+ depth 1)))
                ((eq? (car names) name) (cons depth i))
                (else (find (cdr names) (+ i 1))))))))

(define globals '())
(define (global-cell name)
  (let ((c (assq name globals)))
    (or c (let ((c (cons name 'unbound))) (set! globals (cons c globals)) c))))

(define (analyse x cenv)
  (cond ((symbol? x)
         (let ((loc (lookup x cenv)))
           (if loc
               (let ((depth (car loc)) (i (cdr loc)))
                 (lambda (env)
                   (let walk ((env env) (d depth))
                     (if (= d 0) (vector-ref (car env) i) (walk (cdr env) (- d 1))))))
               (let ((cell (global-cell x))) (lambda (env) (cdr cell))))))
        ((not (pair? x)) (lambda (env) x))
        ((eq? (car x) 'quote) (let ((v (cadr x))) (lambda (env) v)))
        ((eq? (car x) 'if)
         (let ((test (analyse (cadr x) cenv)) (then (analyse (caddr x) cenv))
               (else (analyse (cadddr x) cenv)))
           (lambda (env) (if (test env) (then env) (else env)))))
        ((eq? (car x) 'define)
         (let ((cell (global-cell (cadr x))) (value (analyse (caddr x) cenv)))
           (lambda (env) (set-cdr! cell (value env)) (car cell))))
        ((eq? (car x) 'lambda)
         (let* ((params (cadr x)) (n (length params))
                (body (analyse-body (cddr x) (cons params cenv))))
           (lambda (env)
             (lambda args
               (let ((frame (list->vector args)))
                 (if (not (= (vector-length frame) n)) (error "interp: wrong number of arguments"))
                 (body (cons frame env)))))))
        (else
         (let ((f (analyse (car x) cenv))
               (args (map (lambda (a) (analyse a cenv)) (cdr x))))
           (case (length args)
             ((1) (let ((a (car args))) (lambda (env) ((f env) (a env)))))
             ((2) (let ((a (car args)) (b (cadr args))) (lambda (env) ((f env) (a env) (b env)))))
             (else (lambda (env) (apply (f env) (map (lambda (a) (a env)) args)))))))))

(define (analyse-body body cenv)
  (let ((parts (map (lambda (x) (analyse x cenv)) body)))
    (lambda (env)
      (let loop ((p parts))
        (if (null? (cdr p)) ((car p) env) (begin ((car p) env) (loop (cdr p))))))))

(define (install-primitives!)
  (for-each (lambda (p) (set-cdr! (global-cell (car p)) (cdr p)))
            (list (cons '+ +) (cons '- -) (cons '< <) (cons '= =) (cons '* *))))

(define program
  '((define fib (lambda (n) (if (< n 2) n (+ (fib (- n 1)) (fib (- n 2))))))
    (define loop (lambda (i acc) (if (= i 0) acc (loop (- i 1) (+ acc i)))))
    (+ (fib 20) (loop 10000 0))))

(define (run program)
  (set! globals '())
  (install-primitives!)
  (let loop ((p program) (v #f))
    (if (null? p) v (loop (cdr p) ((analyse (car p) '()) '())))))

(run-benchmark "interp" 5 (lambda () (run (hide program))) (+ 6765 50005000))
