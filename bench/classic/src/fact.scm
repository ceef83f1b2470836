;; fact.scm -- bignum arithmetic: 1000! by a product tree and by a
;; loop (they must agree), and its decimal digits through
;; number->string.  Out: (digit count, digit sum, trailing zeros).
(import (scheme base) (harness))

(define (product lo hi)
  ;; the product of the integers in [lo, hi], halving the range
  (cond ((> lo hi) 1)
        ((= lo hi) lo)
        (else (let ((mid (quotient (+ lo hi) 2)))
                (* (product lo mid) (product (+ mid 1) hi))))))

(define (fact-loop n)
  (do ((i 1 (+ i 1)) (acc 1 (* acc i))) ((> i n) acc)))

(define (run n)
  (let ((a (product 1 n)) (b (fact-loop n)))
    (if (not (= a b)) (error "fact: the two products differ"))
    (let* ((s (number->string a))
           (len (string-length s)))
      (list len
            (let loop ((i 0) (sum 0))
              (if (= i len) sum
                  (loop (+ i 1) (+ sum (- (char->integer (string-ref s i)) 48)))))
            (let loop ((x a) (zeros 0))
              (if (= 0 (remainder x 10)) (loop (quotient x 10) (+ zeros 1)) zeros))))))

(run-benchmark "fact" 20 (lambda () (run (hide 1000))) '(2568 10539 249))
