;; compiler.scm -- a compiler pass and the machine it targets:
;; arithmetic expressions with let and variables are constant-folded,
;; compiled to code for a stack machine (a vector of instructions), and
;; run; the result is checked against a direct evaluator.  The
;; expressions are generated pseudo-randomly.  Out: the sum of the
;; results.
(import (scheme base) (scheme cxr) (harness))

(define seed 1)
(define (random-below n)
  (set! seed (remainder (+ (* seed 1103515245) 12345) 2147483648))
  (remainder (quotient seed 65536) n))

;; Expressions: integer, variable, (+ a b), (* a b), (- a b),
;; (let ((v e)) body), (if0 c a b).
(define vars '#(x y z w))
(define (generate depth bound)
  (let ((r (random-below (if (= depth 0) 2 7))))
    (cond ((= r 0) (random-below 10))
          ((= r 1) (if (null? bound) (random-below 10) (list-ref bound (random-below (length bound)))))
          ((= r 2) (list '+ (generate (- depth 1) bound) (generate (- depth 1) bound)))
          ((= r 3) (list '* (generate (- depth 1) bound) (generate (- depth 1) bound)))
          ((= r 4) (list '- (generate (- depth 1) bound) (generate (- depth 1) bound)))
          ((= r 5) (let ((v (vector-ref vars (random-below 4))))
                     (list 'let (list (list v (generate (- depth 1) bound)))
                           (generate (- depth 1) (cons v bound)))))
          (else (list 'if0 (generate (- depth 1) bound) (generate (- depth 1) bound)
                      (generate (- depth 1) bound))))))

(define (evaluate e env)
  (cond ((number? e) e)
        ((symbol? e) (cdr (assq e env)))
        ((eq? (car e) 'let)
         (evaluate (caddr e) (cons (cons (car (car (cadr e))) (evaluate (cadr (car (cadr e))) env)) env)))
        ((eq? (car e) 'if0)
         (if (= 0 (evaluate (cadr e) env)) (evaluate (caddr e) env) (evaluate (cadddr e) env)))
        (else (let ((a (evaluate (cadr e) env)) (b (evaluate (caddr e) env)))
                (case (car e) ((+) (+ a b)) ((*) (* a b)) (else (- a b)))))))

;; fold: constant folding and the identities x+0, x*1, x*0 (every
;; expression is pure).
(define (fold e)
  (cond ((or (number? e) (symbol? e)) e)
        ((eq? (car e) 'let)
         (let ((v (car (car (cadr e)))) (init (fold (cadr (car (cadr e))))) (body (fold (caddr e))))
           (if (number? body) body (list 'let (list (list v init)) body))))
        ((eq? (car e) 'if0)
         (let ((c (fold (cadr e))) (a (fold (caddr e))) (b (fold (cadddr e))))
           (if (number? c) (if (= c 0) a b) (list 'if0 c a b))))
        (else
         (let ((op (car e)) (a (fold (cadr e))) (b (fold (caddr e))))
           (cond ((and (number? a) (number? b)) (evaluate (list op a b) '()))
                 ((and (eq? op '+) (eqv? a 0)) b)
                 ((and (memq op '(+ -)) (eqv? b 0)) a)
                 ((and (eq? op '*) (or (eqv? a 0) (eqv? b 0))) 0)
                 ((and (eq? op '*) (eqv? a 1)) b)
                 ((and (eq? op '*) (eqv? b 1)) a)
                 (else (list op a b)))))))

;; Code generation: instructions (const n) (load depth) (add) (mul)
;; (sub) (bind) (unbind) (jump-if-nonzero label) (jump label) (label n);
;; variables live on a separate environment stack, addressed by depth.
(define label-counter 0)
(define (new-label) (set! label-counter (+ label-counter 1)) label-counter)

(define (gen e cenv code)
  (cond ((number? e) (cons (list 'const e) code))
        ((symbol? e)
         (let loop ((c cenv) (d 0))
           (if (eq? (car c) e) (cons (list 'load d) code) (loop (cdr c) (+ d 1)))))
        ((eq? (car e) 'let)
         (gen (cadr (car (cadr e))) cenv
              (cons '(bind) (gen (caddr e) (cons (car (car (cadr e))) cenv) (cons '(unbind) code)))))
        ((eq? (car e) 'if0)
         (let ((else-label (new-label)) (end-label (new-label)))
           (gen (cadr e) cenv
                (cons (list 'jump-if-nonzero else-label)
                      (gen (caddr e) cenv
                           (cons (list 'jump end-label)
                                 (cons (list 'label else-label)
                                       (gen (cadddr e) cenv (cons (list 'label end-label) code)))))))))
        (else
         (gen (cadr e) cenv
              (gen (caddr e) cenv
                   (cons (case (car e) ((+) '(add)) ((*) '(mul)) (else '(sub))) code))))))

;; assemble: labels resolved to instruction indices, a vector out.
(define (assemble code)
  (let loop ((c code) (i 0) (labels '()) (out '()))
    (cond ((null? c)
           (list->vector
            (map (lambda (ins)
                   (if (memq (car ins) '(jump jump-if-nonzero))
                       (list (car ins) (cdr (assv (cadr ins) labels)))
                       ins))
                 (reverse out))))
          ((eq? (car (car c)) 'label) (loop (cdr c) i (cons (cons (cadr (car c)) i) labels) out))
          (else (loop (cdr c) (+ i 1) labels (cons (car c) out))))))

(define (execute code)
  (let loop ((pc 0) (stack '()) (env '()))
    (if (= pc (vector-length code))
        (car stack)
        (let ((ins (vector-ref code pc)))
          (case (car ins)
            ((const) (loop (+ pc 1) (cons (cadr ins) stack) env))
            ((load) (loop (+ pc 1) (cons (list-ref env (cadr ins)) stack) env))
            ((add) (loop (+ pc 1) (cons (+ (cadr stack) (car stack)) (cddr stack)) env))
            ((mul) (loop (+ pc 1) (cons (* (cadr stack) (car stack)) (cddr stack)) env))
            ((sub) (loop (+ pc 1) (cons (- (cadr stack) (car stack)) (cddr stack)) env))
            ((bind) (loop (+ pc 1) (cdr stack) (cons (car stack) env)))
            ((unbind) (loop (+ pc 1) stack (cdr env)))
            ((jump) (loop (cadr ins) stack env))
            ((jump-if-nonzero)
             (loop (if (= 0 (car stack)) (+ pc 1) (cadr ins)) (cdr stack) env))
            (else (error "execute: bad instruction" ins)))))))

(define (run n)
  (set! seed 1)
  (let loop ((i 0) (sum 0))
    (if (= i n)
        sum
        (let* ((e (generate 9 '()))
               (direct (evaluate e '()))
               (compiled (execute (assemble (gen (fold e) '() '())))))
          (if (not (= direct compiled)) (error "compiler: mismatch" e direct compiled))
          (loop (+ i 1) (+ sum compiled))))))

(run-benchmark "compiler" 5 (lambda () (run (hide 300))) -515382650238391490835)
