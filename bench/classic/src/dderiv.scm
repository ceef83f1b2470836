;; dderiv.scm -- symbolic differentiation dispatched through a table
;; from operator symbol to procedure (an association list searched with
;; assq, the data-directed style).  Out: the size of the derivative.
(import (scheme base) (scheme cxr) (harness))

(define table '())
(define (define-rule! op proc) (set! table (cons (cons op proc) table)))

(define (dderiv a)
  (if (not (pair? a))
      (if (eq? a 'x) 1 0)
      (let ((rule (assq (car a) table)))
        (if rule ((cdr rule) a) (error "dderiv: unknown operator" (car a))))))

(define-rule! '+ (lambda (a) (cons '+ (map dderiv (cdr a)))))
(define-rule! '- (lambda (a) (cons '- (map dderiv (cdr a)))))
(define-rule! '* (lambda (a)
                   (list '* a (cons '+ (map (lambda (f) (list '/ (dderiv f) f)) (cdr a))))))
(define-rule! '/ (lambda (a)
                   (list '- (list '/ (dderiv (cadr a)) (caddr a))
                         (list '/ (cadr a) (list '* (caddr a) (caddr a) (dderiv (caddr a)))))))

(define (size t) (if (pair? t) (+ (size (car t)) (size (cdr t)) 1) 0))

(define expr '(+ (* 3 x x) (* a x x) (* b x) 5 (/ x (+ x 1)) (* x (- x 2) (/ 7 x))))

(define (run e)
  (let loop ((i 0) (r 0))
    (if (= i 1000) r (loop (+ i 1) (size (dderiv e))))))

(run-benchmark "dderiv" 100 (lambda () (run (hide expr))) 135)
