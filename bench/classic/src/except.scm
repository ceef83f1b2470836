;; except.scm -- exceptions and dynamic state: raise and guard in a
;; loop (the handler chooses by the condition's kind), errors caught as
;; error objects, dynamic-wind counters and parameterize.  Out: the
;; counters' totals.
(import (scheme base) (harness))

(define depth (make-parameter 0))
(define winds 0)

(define (risky i)
  (parameterize ((depth (+ (depth) 1)))
    (dynamic-wind
     (lambda () (set! winds (+ winds 1)))
     (lambda ()
       (cond ((= 0 (remainder i 3)) (raise (list 'odd-one i)))
             ((= 1 (remainder i 3)) (error "risky: failed" i))
             (else (* i (depth)))))
     (lambda () (set! winds (+ winds 1))))))

(define (attempt i)
  ;; one call under guard: (kind . value), kind raised, error or value
  (guard (e ((pair? e) (cons 'raised 1))
            ((error-object? e) (cons 'error (car (error-object-irritants e)))))
    (cons 'value (risky i))))

(define (run n)
  (set! winds 0)
  (let loop ((i 0) (raised 0) (errors 0) (sum 0))
    (if (= i n)
        (list raised errors sum winds (depth))
        (let ((r (attempt i)))
          (case (car r)
            ((raised) (loop (+ i 1) (+ raised 1) errors sum))
            ((error) (loop (+ i 1) raised (+ errors (cdr r)) sum))
            (else (loop (+ i 1) raised errors (+ sum (cdr r)))))))))

(run-benchmark "except" 20 (lambda () (run (hide 30000))) '(10000 149995000 150005000 60000 0))
