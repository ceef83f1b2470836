;; perm.scm -- permutation generation with a big live heap: all the
;; permutations of (1 ... 9) are built as fresh lists (362880 of them,
;; kept live together), then summed; done twice so the second set is
;; built while the first is still live.  Out: the sum of the first
;; elements times the position of the permutation, mod 1000003.
(import (scheme base) (harness))

;; permutations: every ordering of l; each one a new list, sharing no
;; structure with the others.
(define (permutations l)
  (if (null? l)
      (list '())
      (let loop ((rest l) (done '()) (acc '()))
        (if (null? rest)
            acc
            (let ((x (car rest)))
              (loop (cdr rest)
                    (cons x done)
                    (let add ((ps (permutations (append done (cdr rest)))) (acc acc))
                      (if (null? ps) acc (add (cdr ps) (cons (cons x (car ps)) acc))))))))))

(define (checksum perms)
  (let loop ((ps perms) (i 1) (s 0))
    (if (null? ps) s
        (loop (cdr ps) (+ i 1) (remainder (+ s (* i (car (car ps)))) 1000003)))))

(define (iota1 n) (let loop ((i n) (l '())) (if (= i 0) l (loop (- i 1) (cons i l)))))

(define (run n)
  (let* ((first (permutations (iota1 n)))
         (second (permutations (reverse (iota1 n)))))
    (+ (checksum first) (checksum second) (length first))))

(run-benchmark "perm" 3 (lambda () (run (hide 9))) 1674056)
