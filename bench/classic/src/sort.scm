;; sort.scm -- sorting: a merge sort on lists and a heapsort and a
;; quicksort on vectors, of 20000 pseudo-random fixnums each; every
;; result checked sorted and the three compared.  Out: a checksum of
;; the sorted sequence (sum of i * element mod 1000003).
(import (scheme base) (scheme cxr) (harness))

(define (random-list n)
  (let loop ((i 0) (s 12345) (l '()))
    (if (= i n) l
        (let ((s (remainder (+ (* s 69069) 1) 16777216)))
          (loop (+ i 1) s (cons (quotient s 16) l))))))

(define (merge-lists a b)
  (cond ((null? a) b)
        ((null? b) a)
        ((< (car b) (car a)) (cons (car b) (merge-lists a (cdr b))))
        (else (cons (car a) (merge-lists (cdr a) b)))))

(define (merge-sort l)
  (if (or (null? l) (null? (cdr l)))
      l
      (let split ((l l) (a '()) (b '()))
        (if (null? l)
            (merge-lists (merge-sort a) (merge-sort b))
            (split (cdr l) (cons (car l) b) a)))))

(define (heapsort! v)
  (let ((n (vector-length v)))
    (define (sift! i size)
      (let* ((l (+ (* 2 i) 1)) (r (+ l 1))
             (m (if (and (< l size) (> (vector-ref v l) (vector-ref v i))) l i))
             (m (if (and (< r size) (> (vector-ref v r) (vector-ref v m))) r m)))
        (if (not (= m i))
            (let ((t (vector-ref v i)))
              (vector-set! v i (vector-ref v m))
              (vector-set! v m t)
              (sift! m size)))))
    (do ((i (- (quotient n 2) 1) (- i 1))) ((< i 0)) (sift! i n))
    (do ((end (- n 1) (- end 1))) ((<= end 0) v)
      (let ((t (vector-ref v 0)))
        (vector-set! v 0 (vector-ref v end))
        (vector-set! v end t)
        (sift! 0 end)))))

(define (quicksort! v lo hi)
  (if (< lo hi)
      (let ((pivot (vector-ref v (quotient (+ lo hi) 2))))
        (let loop ((i lo) (j hi))
          (if (> i j)
              (begin (quicksort! v lo j) (quicksort! v i hi))
          (let* ((i (let up ((i i)) (if (< (vector-ref v i) pivot) (up (+ i 1)) i)))
                 (j (let down ((j j)) (if (> (vector-ref v j) pivot) (down (- j 1)) j))))
            (if (<= i j)
                (let ((t (vector-ref v i)))
                  (vector-set! v i (vector-ref v j))
                  (vector-set! v j t)
                  (loop (+ i 1) (- j 1)))
                (begin (quicksort! v lo j) (quicksort! v i hi)))))))))

(define (sorted? l) (or (null? l) (null? (cdr l)) (and (<= (car l) (cadr l)) (sorted? (cdr l)))))

(define (checksum l)
  (let loop ((l l) (i 1) (s 0))
    (if (null? l) s (loop (cdr l) (+ i 1) (remainder (+ s (* i (car l))) 1000003)))))

(define (run n)
  (let* ((data (random-list n))
         (a (merge-sort data))
         (b (vector->list (heapsort! (list->vector data))))
         (v (list->vector data)))
    (quicksort! v 0 (- n 1))
    (if (not (and (sorted? a) (equal? a b) (equal? a (vector->list v))))
        (error "sort: the sorts disagree"))
    (checksum a)))

(run-benchmark "sort" 5 (lambda () (run (hide 20000))) 105153)
