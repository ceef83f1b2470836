;;; test/fuzz/gen.scm -- random well-formed programs for the differential
;;; fuzzer (test/fuzz/run runs it under guile).
;;;
;;; In:  the command line: SEED COUNT (COUNT procedures).
;;; Out: on stdout, an R7RS program without import, one top-level form
;;;      a line (test/fuzz/reduce.sh deletes lines), that defines COUNT
;;;      random procedures and prints (with write) the result of calling
;;;      each, so that Zoot interpreted, Zoot compiled for each target and
;;;      guile must print the same text.
;;;
;;; Why it exists: the compiler's bugs hide in combinations nobody writes
;;; by hand.  The procedures are drawn from the shapes that found real
;;; ones: base-case recursions (lower.zt's call-site tests), tail calls
;;; with permuted arguments, many parameters (past the argument
;;; registers of every target), set! of captured variables (boxes),
;;; case, and/or, named-let loops, closures, deep non-tail recursion,
;;; call/cc escapes, exact arithmetic across the fixnum limits of both
;;; word sizes (bignums), strings and vectors, and errors on purpose
;;; (caught by guard, or one uncaught at the end, where only the status
;;; is compared).  Every loop is bounded and every division guarded, so
;;; each program ends.  The random numbers are the generator's own (an
;;; LCG), so a seed means the same program anywhere.

(define args (cdr (command-line)))
(define seed (string->number (car args)))
(define count (string->number (cadr args)))

;;; Set when an expression calls one of PROCS: such a procedure is not a
;;; leaf, and only leaves may be called (so no call chain multiplies the
;;; work of the ones below it).
(define made-call? #f)

;;; A 48-bit linear congruential generator (the constants of drand48).
(define state (modulo (+ (* seed 7919) 12345) 281474976710656))
(define (rand n)
  (set! state (modulo (+ (* state 25214903917) 11) 281474976710656))
  (modulo (quotient state 65536) n))
(define (pick lst) (list-ref lst (rand (length lst))))
(define (chance k) (< (rand 100) k))

(define counter 0)
(define (fresh prefix)
  (set! counter (+ counter 1))
  (string->symbol (string-append prefix (number->string counter))))

;;; ---------------------------------------------------------------------
;;; Expressions.  ENV is the integer variables in scope, LENV the list
;;; variables; DEPTH bounds the size.  PROCS is the procedures defined so
;;; far, as (name . arity): calls only go to earlier ones, so nothing
;;; recurses without a base case.

(define edges '(536870911 536870912 -536870912 -536870913 1073741823
                4611686018427387903 4611686018427387904 -4611686018427387904
                -4611686018427387905 2147483647 4294967296 -9223372036854775808))

(define (int-literal)
  (cond ((chance 70) (- (rand 21) 10))
        ((chance 60) (- (rand 2001) 1000))
        (else (pick edges))))

(define (int-expr depth env lenv procs)
  (define (sub) (int-expr (- depth 1) env lenv procs))
  (if (or (<= depth 0) (chance 15))
      (if (and (pair? env) (chance 60)) (pick env) (int-literal))
      (case (rand 22)
        ((0 1) `(+ ,(sub) ,(sub)))
        ((2) `(- ,(sub) ,(sub)))
        ((3) `(* ,(sub) ,(sub)))
        ((4) `(quotient ,(sub) ,(nonzero (sub))))
        ((5) `(remainder ,(sub) ,(nonzero (sub))))
        ((6) `(modulo ,(sub) ,(nonzero (sub))))
        ((7) `(if ,(bool-expr (- depth 1) env lenv procs) ,(sub) ,(sub)))
        ((8) (let ((v (fresh "v")))
               `(let ((,v ,(sub))) ,(int-expr (- depth 1) (cons v env) lenv procs))))
        ((9) (if (pair? procs) (call-expr (pick procs) depth env lenv procs) (sub)))
        ((10) `(length ,(list-expr (- depth 1) env lenv procs)))
        ((11) `(apply + ,(list-expr (- depth 1) env lenv procs)))
        ((12) `(case (modulo ,(sub) 5)
                 ((0) ,(sub)) ((1 2) ,(sub)) (else ,(sub))))
        ((13) (let ((a (fresh "a")) (b (fresh "b")))
                `((lambda (,a ,b) ,(int-expr (- depth 1) (cons a (cons b env)) lenv procs))
                  ,(sub) ,(sub))))
        ((14) (loop-expr depth env lenv procs))
        ((15) `(string-length (number->string ,(sub))))
        ((16) `(abs ,(sub)))
        ((17) `(,(pick '(max min)) ,(sub) ,(sub)))
        ((18) `(let* ((,(fresh "s") ,(sub))) ,(sub)))
        ((19) (let ((l (list-expr (- depth 1) env lenv procs)))
                `(let ((lst ,l)) (if (pair? lst) (car lst) ,(sub)))))
        ((20) `(vector-ref (vector ,(sub) ,(sub) ,(sub)) ,(rand 3)))
        (else `(char->integer (string-ref (number->string ,(sub)) 0))))))

;;; D, or 1 where D is 0.
(define (nonzero e)
  (let ((d (fresh "d")))
    `(let ((,d ,e)) (if (= ,d 0) 1 ,d))))

(define (call-expr proc depth env lenv procs)
  (set! made-call? #t)
  `(,(car proc) ,@(let loop ((i 0) (acc '()))
                    (if (= i (cdr proc))
                        acc
                        (loop (+ i 1) (cons (int-expr (min 1 (- depth 1)) env lenv '()) acc))))))

;;; (let loop ((i 0) (acc E)) ...): at most 20 iterations.
(define (loop-expr depth env lenv procs)
  (let ((loop (fresh "loop")) (i (fresh "i")) (acc (fresh "acc")))
    `(let ,loop ((,i 0) (,acc ,(int-expr (- depth 1) env lenv procs)))
       (if (>= ,i ,(rand 20))
           ,acc
           (,loop (+ ,i 1) (+ ,acc ,(int-expr (- depth 1) (cons i env) lenv '())))))))

(define (bool-expr depth env lenv procs)
  (define (int) (int-expr (- depth 1) env lenv procs))
  (define (sub) (bool-expr (- depth 1) env lenv procs))
  (if (<= depth 0)
      (pick '(#t #f))
      (case (rand 9)
        ((0) `(< ,(int) ,(int)))
        ((1) `(= ,(int) ,(int)))
        ((2) `(even? ,(int)))
        ((3) `(and ,(sub) ,(sub)))
        ((4) `(or ,(sub) ,(sub) ,(sub)))
        ((5) `(not ,(sub)))
        ((6) `(null? ,(list-expr (- depth 1) env lenv procs)))
        ((7) `(zero? ,(int)))
        (else `(>= ,(int) ,(int))))))

(define (list-expr depth env lenv procs)
  (define (int) (int-expr (- depth 1) env lenv procs))
  (define (sub) (list-expr (- depth 1) env lenv procs))
  (if (or (<= depth 0) (chance 20))
      (if (and (pair? lenv) (chance 50)) (pick lenv) ''())
      (case (rand 7)
        ((0) `(list ,(int) ,(int) ,(int)))
        ((1) `(cons ,(int) ,(sub)))
        ((2) `(reverse ,(sub)))
        ((3) `(append ,(sub) ,(sub)))
        ((4) (let ((x (fresh "x")))
               `(map (lambda (,x) ,(int-expr (- depth 1) (cons x env) lenv '())) ,(sub))))
        ((5) `(list-copy ,(sub)))
        (else `(let ((lst ,(sub))) (if (pair? lst) (cdr lst) lst))))))

;;; ---------------------------------------------------------------------
;;; Procedures of the shapes above.  Each is (name arity definition
;;; call), the call printing the result.

(define (params n) (let loop ((i 0) (acc '())) (if (= i n) (reverse acc) (loop (+ i 1) (cons (fresh "p") acc)))))

;;; Argument expressions (calling nothing: PROCS is ignored).
(define (args-for n procs)
  (let loop ((i 0) (acc '()))
    (if (= i n) acc (loop (+ i 1) (cons (int-expr 2 '() '() '()) acc)))))

(define (shape-plain name procs)
  (let* ((n (rand 4)) (ps (params n)))
    (set! made-call? #f)
    (let ((body (int-expr 4 ps '() procs)))
      (list n `(define (,name ,@ps) ,body) (args-for n '()) (not made-call?)))))

;;; (if (< n 2) base ...): base case recursion, two calls.
(define (shape-base-case name procs)
  (let ((n (fresh "n")) (a (fresh "a")))
    (list 2 `(define (,name ,n ,a)
               (if (,(pick '(< <=)) ,n ,(+ 1 (rand 2)))
                   ,(if (chance 50) a n)
                   (+ (,name (- ,n 1) ,a) (,name (- ,n 2) (,(pick '(+ -)) ,a ,(pick (list n 1 2)))))))
          (list (rand 14) (int-literal)))))

;;; A tail call that permutes its arguments, N times.
(define (shape-permute name procs)
  (let* ((k (+ 2 (rand 6))) (ps (params k)) (n (fresh "n")) (perm (shuffle ps)))
    (list (+ k 1)
          `(define (,name ,n ,@ps)
             (if (<= ,n 0) (list ,@ps) (,name (- ,n 1) ,@perm)))
          (cons (rand 40) (args-for k procs)))))

(define (shuffle l)
  (if (null? l)
      '()
      (let ((x (list-ref l (rand (length l)))))
        (cons x (shuffle (remove-one x l))))))

(define (remove-one x l)
  (cond ((null? l) '()) ((eq? (car l) x) (cdr l)) (else (cons (car l) (remove-one x (cdr l))))))

;;; Many parameters: past every target's argument registers.
(define (shape-many name procs)
  (let* ((k (+ 5 (rand 8))) (ps (params k)))
    (list k `(define (,name ,@ps) (list ,@(map (lambda (i) (int-expr 2 ps '() '())) '(1 2 3))
                                        (+ ,@ps)))
          (args-for k procs))))

;;; set! of captured variables: a counter closure.
(define (shape-counter name procs)
  (let ((x (fresh "x")) (c (fresh "c")) (inc (fresh "inc")) (d (fresh "d")))
    (list 1 `(define (,name ,x)
               (let ((,c ,x))
                 (let ((,inc (lambda (,d) (set! ,c (+ ,c ,d)) ,c)))
                   (,inc ,(int-expr 2 (list x) '() '()))
                   (list (,inc 1) (,inc ,(int-expr 2 (list x c) '() '())) ,c))))
          (args-for 1 procs))))

;;; Deep non-tail recursion.
(define (shape-deep name procs)
  (let ((n (fresh "n")))
    (list 1 `(define (,name ,n) (if (= ,n 0) ,(int-literal) (+ ,(- (rand 5) 2) (,name (- ,n 1)))))
          (list (+ 10000 (rand 90000))))))

;;; Mutual recursion through letrec.
(define (shape-mutual name procs)
  (let ((n (fresh "n")) (ev (fresh "ev")) (od (fresh "od")) (m (fresh "m")))
    (list 1 `(define (,name ,n)
               (letrec ((,ev (lambda (,m) (if (= ,m 0) #t (,od (- ,m 1)))))
                        (,od (lambda (,m) (if (= ,m 0) #f (,ev (- ,m 1))))))
                 (list (,ev (abs ,n)) (,od (abs ,n)))))
          (list (- (rand 2001) 1000)))))

;;; call/cc escaping from a for-each.
(define (shape-escape name procs)
  (let ((l (fresh "l")) (k (fresh "k")) (x (fresh "x")))
    (list 1 `(define (,name ,l)
               (call-with-current-continuation
                (lambda (,k)
                  (for-each (lambda (,x) (if (> ,x ,(- (rand 21) 10)) (,k ,x))) ,l)
                  'none)))
          (list `(list ,@(args-for 4 procs))))))

;;; An error on purpose, caught.
(define (shape-error name procs)
  (let ((x (fresh "x")) (e (fresh "e")))
    (list 1 `(define (,name ,x)
               (guard (,e (#t (list 'caught ,x)))
                 ,(pick `((car '()) (vector-ref (vector 1 2) (+ 2 (abs ,x))) (+ 1 "one")
                          (error "on purpose" ,x) (string-ref "abc" 3) (raise ,x)))))
          (args-for 1 procs))))

;;; Strings and characters.
(define (shape-string name procs)
  (let ((x (fresh "x")) (s (fresh "s")))
    (list 1 `(define (,name ,x)
               (let ((,s (string-append (number->string ,x) "-" (number->string (* ,x ,x)))))
                 (list ,s (string-length ,s) (list->string (reverse (string->list ,s)))
                       (string->number (substring ,s 0 1)))))
          (args-for 1 procs))))

;;; or/and returning values, not just booleans.
(define (shape-or name procs)
  (let* ((ps (params 3)))
    (list 3 `(define (,name ,@ps)
               (list (or (and (> ,(car ps) 0) ,(cadr ps)) ,(caddr ps))
                     (and ,(bool-expr 2 ps '() '()) ,(int-expr 2 ps '() '()))
                     (or #f ,(bool-expr 2 ps '() '()))))
          (args-for 3 procs))))

(define shapes
  (list shape-plain shape-plain shape-base-case shape-permute shape-many shape-counter
        shape-deep shape-mutual shape-escape shape-error shape-string shape-or))

;;; ---------------------------------------------------------------------
;;; The program

(define (emit form) (write form) (newline))

(emit '(define (show name value) (write name) (display " ") (write value) (newline)))
(let loop ((i 0) (procs '()))
  (when (< i count)
    (let* ((name (fresh "f"))
           (made ((pick shapes) name procs))
           (arity (car made)))
      (emit (cadr made))
      (emit `(show ',name (,name ,@(caddr made))))
      ;; Only leaves of the plain shape take any integers and stay cheap.
      (loop (+ i 1) (if (and (pair? (cdddr made)) (cadddr made)) (cons (cons name arity) procs) procs)))))
;; Sometimes an uncaught error at the end: only the exit status is
;; compared with guile's, the output before it in full.
(when (= (rand 4) 0)
  (emit '(car (quote ()))))
