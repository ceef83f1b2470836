;; deriv.scm -- symbolic differentiation of a polynomial in x by a cond
;; on the operator, building new lists (allocation-heavy, quasiquote).
;; Out: the size (pairs) of the derivative.
(import (scheme base) (scheme cxr) (harness))

(define (deriv a)
  (cond ((not (pair? a)) (if (eq? a 'x) 1 0))
        ((eq? (car a) '+) (cons '+ (map deriv (cdr a))))
        ((eq? (car a) '-) (cons '- (map deriv (cdr a))))
        ((eq? (car a) '*)
         (list '* a (cons '+ (map (lambda (f) (list '/ (deriv f) f)) (cdr a)))))
        ((eq? (car a) '/)
         (list '- (list '/ (deriv (cadr a)) (caddr a))
               (list '/ (cadr a) (list '* (caddr a) (caddr a) (deriv (caddr a))))))
        (else (error "deriv: unknown operator" (car a)))))

(define (size t) (if (pair? t) (+ (size (car t)) (size (cdr t)) 1) 0))

(define expr '(+ (* 3 x x) (* a x x) (* b x) 5 (/ x (+ x 1)) (* x (- x 2) (/ 7 x))))

(define (run e)
  (let loop ((i 0) (r 0))
    (if (= i 1000) r (loop (+ i 1) (size (deriv e))))))

(run-benchmark "deriv" 100 (lambda () (run (hide expr))) 135)
